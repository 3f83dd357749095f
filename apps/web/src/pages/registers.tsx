import { useCallback, useEffect, useState } from 'react';
import { api, isUnreachable, messageOf } from '../api';
import { sitesKept, type SiteChoice } from '../offline/device-store';
import { CreateForm } from '../components/create-form';
import { taipeiToday, toRoc } from '../roc-date';
import { can, useMe } from '../session';
import { PROMOTION_KINDS as KINDS, THEMES } from '../vocabulary';

const SITE_TYPES = { village_office: '村里辦公室', community_association: '社區發展協會', school: '學校', public_interest_org: '公益社團', other: '其他適當地點' };
const METHODS = { individual_interview: '個別晤談', courtesy_visit: '親往拜會', briefing: '說明會', small_forum: '小型座談', local_meeting: '列席地方集會', leaflet_distribution: '分發文宣', other: '其他' };

type Entry = Record<string, unknown> & { id: string };

/** Platform sites (with their contact), outreach activities and anti-corruption promotion. */
export function Registers() {
  const me = useMe();
  const [sites, setSites] = useState<Entry[]>([]);
  /** The sites the forms offer: read now, or kept on the device from the last read when offline. */
  const [choices, setChoices] = useState<SiteChoice[]>([]);
  const [outreach, setOutreach] = useState<Entry[]>([]);
  const [promotions, setPromotions] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    const failed = (e: unknown) => setError(messageOf(e));
    setError(null);
    sitesKept(
      me.userId,
      async () => {
        const { items } = await api<{ items: Entry[] }>('/sites');
        setSites(items);
        return items as unknown as SiteChoice[];
      },
      isUnreachable,
    ).then(setChoices, failed);
    api<{ items: Entry[] }>('/outreach').then((r) => setOutreach(r.items), failed);
    api<{ items: Entry[] }>('/promotions').then((r) => setPromotions(r.items), failed);
  }, [me.userId]);
  useEffect(load, [load]);
  const siteOptions = { '': '（未指定）', ...Object.fromEntries(choices.map((s) => [s.id, s.name])) };

  return (
    <main>
      <h1>平臺地點、具體作為與宣導</h1>
      {error && (
        <p className="error" role="alert">
          清單無法載入：{error}
        </p>
      )}
      <section aria-label="平臺地點">
        <h2>平臺地點</h2>
        <ul>
          {sites.map((s) => (
            <li key={s.id}>
              {String(s.name)}（{String(s.county)}
              {String(s.township)}
              {s.village ? String(s.village) : ''}）{s.contact ? `・聯絡人 ${(s.contact as { name: string }).name}` : ''}
            </li>
          ))}
        </ul>
        {can.record(me) && (
          <CreateForm
            path="/sites"
            title="新增平臺地點"
            fields={[
              { name: 'type', label: '類型', kind: 'select', options: SITE_TYPES },
              { name: 'name', label: '名稱' },
              { name: 'villageCode', label: '村里', kind: 'village' },
              { name: 'contactName', label: '平臺聯絡人', optional: true },
              { name: 'contactPhone', label: '聯絡人電話', optional: true },
            ]}
            shape={({ contactName, contactPhone, ...site }) => ({ ...site, ...(contactName ? { contact: { name: contactName, ...(contactPhone ? { phone: contactPhone } : {}) } } : {}) })}
            apiFields={{ contactName: 'contact.name', contactPhone: 'contact.phone' }}
            onCreated={load}
          />
        )}
      </section>
      <section aria-label="具體作為">
        <h2>具體作為</h2>
        <ul>
          {outreach.map((o) => (
            <li key={o.id}>
              {toRoc(String(o.heldOn))} {METHODS[o.method as keyof typeof METHODS]}
              {o.theme ? `・${THEMES[String(o.theme)]}` : ''}
              {o.participants !== null ? `・${String(o.participants)}人` : ''}
            </li>
          ))}
        </ul>
        {can.record(me) && (
          <CreateForm
            path="/outreach"
            title="登錄具體作為"
            fields={[
              { name: 'method', label: '方式', kind: 'select', options: METHODS },
              { name: 'heldOn', label: '日期（民國年/月/日）', kind: 'roc-date', initial: toRoc(taipeiToday()) },
              { name: 'siteId', label: '平臺地點', kind: 'select', options: siteOptions, optional: true },
              { name: 'theme', label: '主題', kind: 'select', options: { '': '（無）', ...THEMES }, optional: true },
              { name: 'participants', label: '參與人數', optional: true },
            ]}
            offline={{ form: 'outreach', route: '/registers' }}
            onCreated={load}
          />
        )}
      </section>
      <section aria-label="反貪倡廉宣導">
        <h2>反貪倡廉宣導</h2>
        <ul>
          {promotions.map((p) => (
            <li key={p.id}>
              {toRoc(String(p.heldOn))} {KINDS[p.kind as keyof typeof KINDS]}：{String(p.description)}
              {p.quantity !== null ? `（${String(p.quantity)}）` : ''}
            </li>
          ))}
        </ul>
        {can.record(me) && (
          <CreateForm
            path="/promotions"
            title="登錄宣導"
            fields={[
              { name: 'kind', label: '項目', kind: 'select', options: KINDS },
              { name: 'heldOn', label: '日期（民國年/月/日）', kind: 'roc-date', initial: toRoc(taipeiToday()) },
              { name: 'description', label: '內容', kind: 'textarea' },
              { name: 'quantity', label: '數量', optional: true },
              { name: 'siteId', label: '平臺地點', kind: 'select', options: siteOptions, optional: true },
            ]}
            offline={{ form: 'promotion', route: '/registers' }}
            onCreated={load}
          />
        )}
      </section>
    </main>
  );
}
