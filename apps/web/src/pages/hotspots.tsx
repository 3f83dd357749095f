import { useEffect, useState } from 'react';
import { api, messageOf } from '../api';
import { CreateForm } from '../components/create-form';
import { Link } from '../components/link';
import { rocInstant, toRoc } from '../roc-date';
import { useMe } from '../session';
import { categoryLabel, STATUSES, THEMES } from '../vocabulary';

/** A hotspot as GET /hotspots answers it: where, which units, when, about what; never who. */
export interface Hotspot {
  id: string;
  town: string;
  villages: string[];
  units: { unitId: string; unitName: string | null; reflections: number }[];
  otherUnits: number;
  reflectionIds: string[];
  reflections: { id: string; caseNo: string | null; unitName: string | null; village: string | null; receivedOn: string; category: string | null; status: string | null }[];
  terms: string[];
  categories: string[];
  themes: string[];
  firstOn: string;
  latestOn: string;
  reviewed: boolean;
  review: { note: string; reviewedAt: string; newSince: number } | null;
}

const MONTHS = [3, 6, 12, 24];

/** What a hotspot is about, where, and since when, in one line. */
function headline(h: Hotspot): string {
  return `${h.town}：${h.terms.join('、')}（${h.reflectionIds.length} 件，${toRoc(h.firstOn)}～${toRoc(h.latestOn)}）`;
}

function ReviewState({ hotspot }: { hotspot: Hotspot }) {
  if (!hotspot.review) return <strong className="overdue-flag">未研析</strong>;
  return (
    <span>
      已研析（{rocInstant(hotspot.review.reviewedAt)}）{hotspot.review.newSince > 0 && <strong className="overdue-flag">，其後新增 {hotspot.review.newSince} 件</strong>}
    </span>
  );
}

/** One hotspot opened: its reflections (linked to the cases its reader may open) and, for the AAC, the review. */
function HotspotDetail({ hotspot, aac, heading, onReviewed }: { hotspot: Hotspot; aac: boolean; heading: 'h2' | 'h3'; onReviewed: () => void }) {
  return (
    <div className="hotspot-detail">
      <dl className="facts">
        <dt>地點</dt>
        <dd>
          {hotspot.town}
          {hotspot.villages.length > 0 && `（${hotspot.villages.join('、')}）`}
        </dd>
        <dt>政風機構</dt>
        <dd>
          {hotspot.units.map((u) => `${u.unitName ?? '—'} ${u.reflections} 件`).join('、')}
          {hotspot.otherUnits > 0 && `；另有 ${hotspot.otherUnits} 個政風機構受理同一事項`}
        </dd>
        <dt>類別／主題</dt>
        <dd>{[...hotspot.categories.map((c) => categoryLabel(c)), ...hotspot.themes.map((t) => THEMES[t] ?? t)].join('、')}</dd>
        <dt>研析</dt>
        <dd>
          <ReviewState hotspot={hotspot} />
          {hotspot.review && <p>{hotspot.review.note}</p>}
        </dd>
      </dl>
      <table>
        <caption>熱點所含反映（不含反映者個人資料）</caption>
        <thead>
          <tr>
            <th scope="col">案號</th>
            <th scope="col">政風機構</th>
            <th scope="col">村里</th>
            <th scope="col">受理日期</th>
            <th scope="col">類別</th>
            <th scope="col">狀態</th>
          </tr>
        </thead>
        <tbody>
          {hotspot.reflections.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/cases/${r.id}`}>{r.caseNo ?? r.id.slice(0, 8)}</Link>
              </td>
              <td>{r.unitName ?? '—'}</td>
              <td>{r.village ?? '—'}</td>
              <td>{toRoc(r.receivedOn)}</td>
              <td>{r.category ? categoryLabel(r.category) : '—'}</td>
              <td>{r.status ? (STATUSES[r.status] ?? r.status) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {aac && (!hotspot.review || hotspot.review.newSince > 0) && (
        <CreateForm path={`/hotspots/${hotspot.id}/review`} title="標記為已研析" heading={heading} fields={[{ name: 'note', label: '研析意見', kind: 'textarea' }]} onCreated={onReviewed} />
      )}
    </div>
  );
}

/**
 * Hotspots (熱點): matters raised again and again in one town, found among the reflections as they arrive. The AAC
 * sees every unit's and marks each 已研析 with its note; a unit sees those among its own cases.
 */
export function Hotspots({ unitId, limit, compact }: { unitId?: string | null; limit?: number; compact?: boolean }) {
  const me = useMe();
  const aac = me.roles.includes('aac_auditor') && !unitId;
  const [months, setMonths] = useState(6);
  const [reviewed, setReviewed] = useState<'' | 'true' | 'false'>('');
  const [items, setItems] = useState<Hotspot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    setError(null);
    const query = new URLSearchParams({ months: String(months), limit: String(limit ?? 50), ...(reviewed ? { reviewed } : {}), ...(unitId ? { unitId } : {}) });
    api<{ items: Hotspot[] }>(`/hotspots?${query}`).then((r) => setItems(r.items), (e) => setError(messageOf(e)));
  }, [months, reviewed, unitId, limit, loads]);

  const Heading = compact ? 'h2' : 'h1';
  const body = (
    <>
      <Heading>{aac ? '熱點：各政風機構受理的同一事項' : '熱點：本機關一再受理的同一事項'}</Heading>
      <p className="hint">同一鄉鎮市區、同一類別或主題、內容相近的反映，{aac ? '來自兩個以上政風機構或累計三件以上' : '本機關受理兩件以上'}者。</p>
      {!compact && (
        <div className="filters">
          <label>
            期間
            <select value={months} onChange={(e) => setMonths(Number(e.target.value))}>
              {MONTHS.map((m) => (
                <option key={m} value={m}>
                  最近 {m} 個月
                </option>
              ))}
            </select>
          </label>
          <label>
            研析
            <select value={reviewed} onChange={(e) => setReviewed(e.target.value as typeof reviewed)}>
              <option value="">全部</option>
              <option value="false">未研析</option>
              <option value="true">已研析</option>
            </select>
          </label>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          熱點無法載入：{error}
        </p>
      )}
      {!error && !items && <p aria-busy="true">載入中…</p>}
      {items && items.length === 0 && <p>最近 {months} 個月沒有熱點。</p>}
      {items && items.length > 0 && (
        <ul className="hotspots">
          {items.map((h) => (
            <li key={h.id}>
              <details>
                <summary>
                  {headline(h)}・{aac ? `${h.units.length} 個政風機構・` : ''}
                  <ReviewState hotspot={h} />
                </summary>
                <HotspotDetail hotspot={h} aac={aac} heading={compact ? 'h3' : 'h2'} onReviewed={() => setLoads((n) => n + 1)} />
              </details>
            </li>
          ))}
        </ul>
      )}
      {compact && <Link to="/hotspots">所有熱點</Link>}
    </>
  );
  return compact ? <section aria-label="熱點">{body}</section> : <main>{body}</main>;
}
