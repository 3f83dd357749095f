import { useEffect, useState } from 'react';
import { api, messageOf } from '../api';
import { BarChart } from '../components/bar-chart';
import { VisitTable, type ScheduledVisit } from './plans';
import { CATEGORIES, REPORT_STATUSES as SUBMISSION, STATUSES, THEMES } from '../vocabulary';

interface UnitDashboard {
  unitId: string;
  unitName: string | null;
  total: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  byTheme: Record<string, number>;
  byMonth: Record<string, number>;
  open: number;
  overdue: number;
  medianDaysToCitizenReply: number | null;
}

interface PlanOverview {
  unitId: string;
  unitName: string;
  plan: { title: string } | null;
  sites: number;
  overdueSites: number;
}

interface Submission {
  unitId: string;
  unitName: string;
  status: string;
  late: boolean;
}


const labelled = (counts: Record<string, number>, labels: Record<string, string>) => Object.entries(counts).map(([key, value]): [string, number] => [labels[key] ?? (key === 'none' ? '（無）' : key), value]);
const monthly = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, value]): [string, number] => [`${Number(month.slice(0, 4)) - 1911}年${Number(month.slice(5))}月`, value]);

function UnitPanel({ dashboard }: { dashboard: UnitDashboard }) {
  return (
    <section className="dashboard" aria-label={dashboard.unitName ?? '本單位'}>
      <h2>{dashboard.unitName}</h2>
      <p>
        案件 {dashboard.total}・未結案 {dashboard.open}・<span className={dashboard.overdue ? 'overdue-flag' : undefined}>逾期 {dashboard.overdue}</span>・回復民眾中位數{' '}
        {dashboard.medianDaysToCitizenReply === null ? '—' : `${dashboard.medianDaysToCitizenReply} 日`}
      </p>
      <div className="charts">
        <BarChart title="未結案與逾期" data={[['未結案', dashboard.open], ['逾期', dashboard.overdue]]} />
        <BarChart title="狀態" data={labelled(dashboard.byStatus, STATUSES)} />
        <BarChart title="類別" data={labelled(dashboard.byCategory, Object.fromEntries(Object.entries(CATEGORIES).map(([k, c]) => [k, c.label])))} />
        <BarChart title="主題" data={labelled(dashboard.byTheme, THEMES)} />
        <BarChart title="月份" data={monthly(dashboard.byMonth)} />
      </div>
    </section>
  );
}

interface PlaceCount {
  county: string | null;
  town: string | null;
  village: string | null;
  count: number;
}

const LEVELS = { village: '村里', town: '鄉鎮市區', county: '縣市' } as const;

/** Where reflections come from, by village, town or county of their sites (for the AAC, every unit together). */
function PlacesTable() {
  const [level, setLevel] = useState<keyof typeof LEVELS>('village');
  const [items, setItems] = useState<PlaceCount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    setError(null);
    api<{ items: PlaceCount[] }>(`/dashboard/places?level=${level}`).then((r) => setItems(r.items), (e) => setError(messageOf(e)));
  }, [level]);
  const columns = (Object.keys(LEVELS) as (keyof typeof LEVELS)[]).reverse().filter((key) => key === 'county' || (key === 'town' ? level !== 'county' : level === 'village'));
  return (
    <section aria-label="各地反映件數">
      <h2>各地反映件數</h2>
      <label>
        依
        <select value={level} onChange={(e) => setLevel(e.target.value as keyof typeof LEVELS)}>
          {Object.entries(LEVELS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        統計
      </label>
      {error && (
        <p className="error" role="alert">
          各地反映件數無法載入：{error}
        </p>
      )}
      {items && items.length === 0 && <p>尚無反映。</p>}
      {items && items.length > 0 && (
        <table>
          <thead>
            <tr>
              {columns.map((key) => (
                <th key={key} scope="col">
                  {LEVELS[key]}
                </th>
              ))}
              <th scope="col">件數</th>
            </tr>
          </thead>
          <tbody>
            {items.map((place) => (
              <tr key={`${place.county}/${place.town}/${place.village}`}>
                {place.county === null ? <td colSpan={columns.length}>未指定平臺地點</td> : columns.map((key) => <td key={key}>{place[key] ?? '—'}</td>)}
                <td className="number">{place.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Counts for the unit; for the AAC every unit side by side, and who has submitted the last period's report. */
export function Dashboard() {
  const [data, setData] = useState<UnitDashboard | { units: UnitDashboard[] } | null>(null);
  const [submissions, setSubmissions] = useState<Submission[] | null>(null);
  const [visits, setVisits] = useState<ScheduledVisit[] | null>(null);
  const [plans, setPlans] = useState<PlanOverview[] | null>(null);

  useEffect(() => {
    api<UnitDashboard | { units: UnitDashboard[] }>('/dashboard').then((d) => {
      setData(d);
      if ('units' in d) {
        api<{ items: Submission[] }>('/reports/submissions').then((s) => setSubmissions(s.items));
        api<{ items: PlanOverview[] }>('/plans/overview').then((p) => setPlans(p.items));
      } else {
        api<{ items: ScheduledVisit[] }>('/outreach/schedule').then((s) => setVisits(s.items));
      }
    });
  }, []);

  if (!data) return <main aria-busy="true">載入中…</main>;
  return (
    <main>
      <h1>儀表板</h1>
      {'units' in data ? data.units.map((unit) => <UnitPanel key={unit.unitId} dashboard={unit} />) : <UnitPanel dashboard={data} />}
      <PlacesTable />
      {visits && (
        <section aria-label="造訪平臺聯絡人">
          <h2>造訪平臺聯絡人：已造訪與應造訪</h2>
          <VisitTable items={visits} />
        </section>
      )}
      {plans && (
        <section aria-label="各機關細部實施計畫">
          <h2>各機關細部實施計畫</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">政風機構</th>
                <th scope="col">實施中計畫</th>
                <th scope="col">平臺地點</th>
                <th scope="col">逾期未造訪</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((p) => (
                <tr key={p.unitId} className={p.overdueSites > 0 || !p.plan ? 'overdue' : undefined}>
                  <td>{p.unitName}</td>
                  <td>{p.plan ? p.plan.title : '無'}</td>
                  <td className="number">{p.sites}</td>
                  <td className="number">{p.overdueSites}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {submissions && (
        <section aria-label="彙報表報送情形">
          <h2>上期彙報表報送情形</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">政風機構</th>
                <th scope="col">狀態</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((s) => (
                <tr key={s.unitId} className={s.late ? 'overdue' : undefined}>
                  <td>{s.unitName}</td>
                  <td>
                    {SUBMISSION[s.status]}
                    {s.late ? '（逾期）' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
