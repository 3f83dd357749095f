import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, isUnreachable } from '../api';
import { VillagePicker } from '../components/village-picker';
import { Field } from '../components/field';
import { announce } from '../components/status';
import { sitesKept, type SiteChoice } from '../offline/device-store';
import { submitOrKeep } from '../offline/outbox';
import { useDraft } from '../offline/use-draft';
import { fromRoc, taipeiToday, toRoc } from '../roc-date';
import { receiptCodes } from '../receipt-codes';
import { navigate } from '../router';
import { can, useMe } from '../session';
import { CATEGORIES, NATURES, THEMES } from '../vocabulary';

const DRAFT = 'record-reflection';

/**
 * The work record form (Attachment 1) as a form. Typing is kept as a draft; without a connection the reflection
 * is kept on the device, sealed, and sent when the connection is back (offline/).
 */
export function RecordReflection() {
  const me = useMe();
  const [sites, setSites] = useState<SiteChoice[]>([]);
  const [siteFilter, setSiteFilter] = useState('');
  const blank = () => ({ nature: 'public_need', category: 'public_facilities', summary: '', receivedOn: toRoc(taipeiToday()), siteId: '', villageCode: '', theme: '', handlingOpinion: '' });
  const [form, setForm] = useState(blank);
  const [reporter, setReporter] = useState({ name: '', occupation: '', phone: '', address: '' });
  /** Without a phone number the citizen gets a receipt only when asked for (checked then by a PIN). */
  const [wantsReceipt, setWantsReceipt] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [dateError, setDateError] = useState<string | undefined>();
  /** Fields changed since the last refusal: their old error is no longer shown. */
  const [corrected, setCorrected] = useState<Set<string>>(new Set());
  const [attempts, setAttempts] = useState(0);
  const formElement = useRef<HTMLFormElement>(null);
  const draft = useDraft(DRAFT, { form, reporter }, (typed) => (setForm(typed.form), setReporter(typed.reporter)));

  useEffect(() => {
    // Without a connection and none kept, the form still records a reflection without a site.
    sitesKept(me.userId, async () => (await api<{ items: SiteChoice[] }>('/sites')).items, isUnreachable).then(setSites, () => setSites([]));
  }, [me.userId]);

  // After a refused submission the first field refused takes the focus, so the officer starts where the problem is.
  useEffect(() => {
    if (attempts > 0) formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempts]);

  const correct = (field: string) => setCorrected((done) => (done.has(field) ? done : new Set(done).add(field)));
  const set = (key: keyof typeof form) => (value: string) => (setForm((f) => ({ ...f, [key]: value })), correct(key));
  const categories = Object.entries(CATEGORIES).filter(([, c]) => c.nature === form.nature);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const receivedOn = fromRoc(form.receivedOn);
    setDateError(receivedOn ? undefined : '請以民國年月日填寫，例如 115/11/27');
    if (!receivedOn) {
      setCorrected(new Set());
      return setAttempts((n) => n + 1);
    }
    const given = Object.fromEntries(Object.entries(reporter).filter(([, v]) => v.trim() !== ''));
    const body = {
      nature: form.nature,
      category: form.category,
      summary: form.summary,
      receivedOn,
      ...(Object.keys(given).length ? { reporter: given } : {}),
      ...(form.siteId ? { siteId: form.siteId } : {}),
      ...(form.villageCode ? { villageCode: form.villageCode } : {}),
      ...(form.theme ? { theme: form.theme } : {}),
      ...(form.handlingOpinion && can.handle(me) ? { handlingOpinion: form.handlingOpinion } : {}),
      ...(wantsReceipt && !reporter.phone.trim() ? { wantsReceipt: true } : {}),
    };
    try {
      const submitted = await submitOrKeep<{ id: string; receiptCode?: string; receiptPin?: string }>({ userId: me.userId, title: '登錄反映', form: DRAFT, route: '/cases/new' }, '/reflections', body, { form, reporter });
      await draft.clear();
      if ('sent' in submitted) {
        receiptCodes.keep(submitted.sent.id, submitted.sent);
        navigate(`/cases/${submitted.sent.id}`);
        announce('已登錄反映');
        return;
      }
      // Kept on the device: the form is emptied for the next citizen, and the bar under the header counts it.
      setForm(blank());
      setReporter({ name: '', occupation: '', phone: '', address: '' });
      setError(null);
      announce('無法連線，資料已加密暫存於本裝置，連線後自動送出。');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
      setCorrected(new Set());
      setAttempts((n) => n + 1);
    }
  }

  const err = (field: string) => (corrected.has(field.replace(/^reporter\./, 'reporter-')) ? undefined : error?.forField(field));
  const shownSites = sites.filter((s) => `${s.name}${s.county}${s.township}${s.village ?? ''}`.includes(siteFilter));
  return (
    <main>
      <h1>登錄反映（村里廉政平臺工作紀錄表）</h1>
      <form onSubmit={submit} aria-label="工作紀錄表" noValidate ref={formElement}>
        <fieldset>
          <legend>性質</legend>
          <Field id="nature" label="性質" error={err('nature')}>
            <select id="nature" value={form.nature} onChange={(e) => (setForm((f) => ({ ...f, nature: e.target.value, category: Object.entries(CATEGORIES).find(([, c]) => c.nature === e.target.value)![0] })), correct('nature'))}>
              {Object.entries(NATURES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field id="category" label="類別" error={err('category')}>
            <select id="category" value={form.category} onChange={(e) => set('category')(e.target.value)}>
              {categories.map(([value, c]) => (
                <option key={value} value={value}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <Field id="summary" label="需求/反映等內容概述" error={err('summary')}>
          <textarea id="summary" rows={5} value={form.summary} onChange={(e) => set('summary')(e.target.value)} maxLength={4000} />
        </Field>
        <Field id="receivedOn" label="受理日期（民國年/月/日）" error={corrected.has('receivedOn') ? undefined : (dateError ?? err('receivedOn'))}>
          <input id="receivedOn" inputMode="numeric" value={form.receivedOn} onChange={(e) => set('receivedOn')(e.target.value)} />
        </Field>
        <fieldset>
          <legend>反映者（個人資料，得匿名）</legend>
          {(
            [
              ['name', '反映者姓名'],
              ['occupation', '職業'],
              ['phone', '聯絡電話'],
              ['address', '聯絡地址'],
            ] as const
          ).map(([key, label]) => (
            <Field key={key} id={`reporter-${key}`} label={label} error={err(`reporter.${key}`)}>
              <input id={`reporter-${key}`} value={reporter[key]} onChange={(e) => (setReporter((r) => ({ ...r, [key]: e.target.value })), correct(`reporter-${key}`))} />
            </Field>
          ))}
          {!reporter.phone.trim() && (
            <label className="check">
              <input type="checkbox" checked={wantsReceipt} onChange={(e) => setWantsReceipt(e.target.checked)} /> 民眾需要收執聯（未留電話者，以收執聯上的查詢密碼查詢進度）
            </label>
          )}
        </fieldset>
        <Field id="site-filter" label="搜尋平臺地點">
          <input id="site-filter" value={siteFilter} onChange={(e) => setSiteFilter(e.target.value)} placeholder="地點、縣市、鄉鎮、村里" />
        </Field>
        <Field id="siteId" label="平臺地點" error={err('siteId')}>
          <select id="siteId" value={form.siteId} onChange={(e) => set('siteId')(e.target.value)}>
            <option value="">（未指定）</option>
            {shownSites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}（{s.county}{s.township}
                {s.village ?? ''}）
              </option>
            ))}
          </select>
        </Field>
        <Field id="villageCode" label="反映事項所在村里" hint="未指定時，以平臺地點所在村里計；以電話或其他村里事項反映時請指定" error={err('villageCode')}>
          <VillagePicker id="villageCode" value={form.villageCode ?? ''} onChange={set('villageCode')} />
        </Field>
        <Field id="theme" label="主題" error={err('theme')}>
          <select id="theme" value={form.theme} onChange={(e) => set('theme')(e.target.value)}>
            <option value="">（無）</option>
            {Object.entries(THEMES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        {can.handle(me) && (
          <Field id="handlingOpinion" label="處理意見" error={err('handlingOpinion')}>
            <textarea id="handlingOpinion" rows={3} value={form.handlingOpinion} onChange={(e) => set('handlingOpinion')(e.target.value)} />
          </Field>
        )}
        {error && !Array.isArray(error.problem.details) && <p className="error" role="alert">{error.message}</p>}
        <button type="submit">送出</button>
      </form>
    </main>
  );
}
