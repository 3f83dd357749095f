import { useEffect, useState } from 'react';
import { Link } from '../components/link';
import { useLocation } from '../router';
import { api, messageOf } from '../api';
import { BarChart } from '../components/bar-chart';
import { PlaceMap } from '../components/place-map';
import { Hotspots } from './hotspots';
import { VisitTable } from './plans';
import type { PlaceCount, ScheduledVisit, SubmissionRow, UnitDashboard } from '../api-answers';
import { AGENCY_LEVELS, CATEGORIES, REPORT_STATUSES as SUBMISSION, STATUSES, THEMES } from '../vocabulary';

interface PlanOverview {
  unitId: string;
  unitName: string;
  plan: { title: string } | null;
  sites: number;
  overdueSites: number;
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

const LEVELS = { village: '村里', town: '鄉鎮市區', county: '縣市' } as const;

/** The county most of the reflections come from: the one whose towns or villages the map draws. */
function mainCounty(items: PlaceCount[]): string | null {
  const byCounty = new Map<string, number>();
  for (const item of items) if (item.county) byCounty.set(item.county, (byCounty.get(item.county) ?? 0) + item.count);
  return [...byCounty.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Where reflections come from, by village, town or county of their sites (for the AAC, every unit together). */
function PlacesTable({ unitId }: { unitId: string | null }) {
  const [level, setLevel] = useState<keyof typeof LEVELS>('village');
  const [items, setItems] = useState<PlaceCount[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    setError(null);
    api<{ items: PlaceCount[] }>(`/dashboard/places?level=${level}${unitId ? `&unitId=${encodeURIComponent(unitId)}` : ''}`).then((r) => setItems(r.items), (e) => setError(messageOf(e)));
  }, [level, unitId]);
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
      {items && items.length > 0 && (level === 'county' || mainCounty(items)) && <PlaceMap level={level} county={mainCounty(items)} counts={items} />}
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
                {place.county === null ? <td colSpan={columns.length}>未指定地點</td> : columns.map((key) => <td key={key}>{place[key] ?? '—'}</td>)}
                <td className="number">{place.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Row = UnitDashboard & { report: SubmissionRow | null; plan: PlanOverview | null };
type Column = { key: string; label: string; value: (row: Row) => number | string; number?: boolean };

const COLUMNS: Column[] = [
  { key: 'unitName', label: '政風機構', value: (row) => row.unitName ?? '' },
  { key: 'total', label: '案件', value: (row) => row.total, number: true },
  { key: 'open', label: '未結案', value: (row) => row.open, number: true },
  { key: 'overdue', label: '逾期', value: (row) => row.overdue, number: true },
  { key: 'median', label: '回復民眾中位數（日）', value: (row) => row.medianDaysToCitizenReply ?? -1, number: true },
  { key: 'report', label: '上期彙報表', value: (row) => (row.report ? (row.report.late ? 1000 + row.report.daysLate : 0) : -1), number: true },
  { key: 'plan', label: '細部計畫', value: (row) => (row.plan?.plan ? 1 : 0), number: true },
  { key: 'overdueSites', label: '逾期未造訪', value: (row) => row.plan?.overdueSites ?? 0, number: true },
];
const PAGE = 50;

/**
 * The AAC's starting point: one table of every ethics unit (its cases, open, overdue, the median days to the
 * citizen's reply, the last period's report and lateness, its plan and sites overdue), sorted by any column,
 * filtered by name, county, ministry and level, a page at a time, with totals; a unit's name opens its dashboard.
 */
function NationalTable({ rows }: { rows: Row[] }) {
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({ key: 'overdue', descending: true });
  const [filter, setFilter] = useState('');
  const [where, setWhere] = useState<{ county: string; ministry: string; level: string }>({ county: '', ministry: '', level: '' });
  const [page, setPage] = useState(0);
  const column = COLUMNS.find((c) => c.key === sort.key) as Column;
  const choices = (pick: (row: Row) => string | null) => [...new Set(rows.map(pick).filter((v): v is string => v !== null))].sort((a, b) => a.localeCompare(b, 'zh-Hant'));
  const chosen = (key: keyof typeof where, value: string) => (setWhere((w) => ({ ...w, [key]: value })), setPage(0));
  const shown = rows
    .filter((row) => (row.unitName ?? '').includes(filter.trim()))
    .filter((row) => (!where.county || row.profile.county === where.county) && (!where.ministry || row.profile.ministry === where.ministry) && (!where.level || row.profile.level === where.level))
    .sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-Hant');
      return sort.descending ? -order : order;
    });
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const total = (pick: (row: Row) => number) => shown.reduce((sum, row) => sum + pick(row), 0);
  return (
    <section aria-label="各政風機構概況">
      <h2>各政風機構概況（{shown.length} 個機構）</h2>
      <div className="filters">
        <label>
          機構名稱
          <input value={filter} onChange={(e) => (setFilter(e.target.value), setPage(0))} />
        </label>
        <label>
          縣市
          <select value={where.county} onChange={(e) => chosen('county', e.target.value)}>
            <option value="">全部</option>
            {choices((row) => row.profile.county).map((county) => (
              <option key={county}>{county}</option>
            ))}
          </select>
        </label>
        <label>
          主管機關
          <select value={where.ministry} onChange={(e) => chosen('ministry', e.target.value)}>
            <option value="">全部</option>
            {choices((row) => row.profile.ministry).map((ministry) => (
              <option key={ministry}>{ministry}</option>
            ))}
          </select>
        </label>
        <label>
          機關層級
          <select value={where.level} onChange={(e) => chosen('level', e.target.value)}>
            <option value="">全部</option>
            {Object.entries(AGENCY_LEVELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <table>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                <button type="button" className="link-button" onClick={() => setSort((now) => ({ key: c.key, descending: now.key === c.key ? !now.descending : c.number === true }))}>
                  {c.label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.slice(page * PAGE, (page + 1) * PAGE).map((row) => (
            <tr key={row.unitId} className={row.overdue > 0 || row.report?.late ? 'overdue' : undefined}>
              <td>
                <Link to={`/dashboard?unitId=${row.unitId}`}>{row.unitName}</Link>
              </td>
              <td className="number">{row.total}</td>
              <td className="number">{row.open}</td>
              <td className="number">{row.overdue}</td>
              <td className="number">{row.medianDaysToCitizenReply ?? '—'}</td>
              <td>{row.report ? `${SUBMISSION[row.report.status]}${row.report.late ? `（逾期${row.report.daysLate}日）` : ''}` : '—'}</td>
              <td>{row.plan?.plan ? '實施中' : '無'}</td>
              <td className="number">{row.plan?.overdueSites ?? 0}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">合計</th>
            <td className="number">{total((row) => row.total)}</td>
            <td className="number">{total((row) => row.open)}</td>
            <td className="number">{total((row) => row.overdue)}</td>
            <td />
            <td>逾期 {shown.filter((row) => row.report?.late).length} 個機構</td>
            <td>無計畫 {shown.filter((row) => !row.plan?.plan).length} 個機構</td>
            <td className="number">{total((row) => row.plan?.overdueSites ?? 0)}</td>
          </tr>
        </tfoot>
      </table>
      {pages > 1 && (
        <p className="buttons">
          <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage((n) => n - 1)}>
            上一頁
          </button>
          第 {page + 1} / {pages} 頁
          <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => setPage((n) => n + 1)}>
            下一頁
          </button>
        </p>
      )}
    </section>
  );
}

/**
 * The unit's counts, visits and places; for the AAC one table of every unit (and, with `?unitId=`, one unit's
 * dashboard as its own people see it).
 */
export function Dashboard() {
  const unitId = useLocation().searchParams.get('unitId');
  const scope = unitId ? `?unitId=${encodeURIComponent(unitId)}` : '';
  const [data, setData] = useState<UnitDashboard | { units: UnitDashboard[] } | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [visits, setVisits] = useState<ScheduledVisit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setData(null);
    setRows(null);
    const failed = (e: unknown) => setError(messageOf(e));
    api<UnitDashboard | { units: UnitDashboard[] }>(`/dashboard${scope}`).then((d) => {
      setData(d);
      if ('units' in d) {
        Promise.all([api<{ items: SubmissionRow[] }>('/reports/submissions'), api<{ items: PlanOverview[] }>('/plans/overview')]).then(
          ([submissions, plans]) => setRows(d.units.map((unit) => ({ ...unit, report: submissions.items.find((s) => s.unitId === unit.unitId) ?? null, plan: plans.items.find((p) => p.unitId === unit.unitId) ?? null }))),
          failed,
        );
      } else {
        api<{ items: ScheduledVisit[] }>(`/outreach/schedule${scope}`).then((s) => setVisits(s.items), failed);
      }
    }, failed);
  }, [scope]);

  if (error) return <main><h1>儀表板</h1><p className="error" role="alert">儀表板無法載入：{error}</p></main>;
  if (!data) return <main aria-busy="true">載入中…</main>;
  return (
    <main>
      <h1>儀表板</h1>
      {unitId && <Link to="/dashboard">回到各政風機構概況</Link>}
      {'units' in data ? rows ? <NationalTable rows={rows} /> : <p aria-busy="true">載入中…</p> : <UnitPanel dashboard={data} />}
      <div className="beside">
        <PlacesTable unitId={unitId} />
        <Hotspots unitId={unitId} limit={5} compact />
      </div>
      {visits && (
        <section aria-label="造訪平臺聯絡人">
          <h2>造訪平臺聯絡人：已造訪與應造訪</h2>
          <VisitTable items={visits} />
        </section>
      )}
    </main>
  );
}
