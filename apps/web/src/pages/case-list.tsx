import { useEffect, useState, type FormEvent } from 'react';
import { api, messageOf } from '../api';
import { Field, useNarrowScreen } from '../components/field';
import { useEthicsUnits } from '../components/unit-choice';
import { Link } from '../components/link';
import { navigate, useLocation } from '../router';
import { fromRoc, toRoc } from '../roc-date';
import { useMe } from '../session';
import { CATEGORIES, categoryLabel, NATURES, STATUSES, THEMES } from '../vocabulary';
import type { ReflectionListItem } from '../api-answers';

const CATEGORY_LABELS = Object.fromEntries(Object.entries(CATEGORIES).map(([value, category]) => [value, category.label]));

/** One filter of the list as a choice among labelled values, or all of them. */
function FilterSelect({ label, value, options, onChange }: { label: string; value: string | null; options: Record<string, string>; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">全部</option>
        {Object.entries(options).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

const FILTERS = ['unitId', 'status', 'nature', 'category', 'theme', 'siteId', 'q', 'overdue', 'receivedFrom', 'receivedTo', 'county', 'village', 'sort'] as const;

/** The filters typed rather than chosen: they apply with 查詢 or Enter, dates as people write them (民國). */
const TYPED = [
  { key: 'q', label: '關鍵字' },
  { key: 'county', label: '縣市' },
  { key: 'village', label: '村里' },
  { key: 'receivedFrom', label: '受理日期起（民國，如 115/11/01）', date: true },
  { key: 'receivedTo', label: '受理日期迄（民國，如 115/11/30）', date: true },
] as const;



/** The cases, with the list API's filters kept in the URL so a link reproduces the view. */
export function CaseList() {
  const me = useMe();
  const aac = me.roles.includes('aac_auditor');
  const url = useLocation();
  const [page, setPage] = useState<{ items: ReflectionListItem[]; nextCursor: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const units = useEthicsUnits(aac);
  const typedFromUrl = () => Object.fromEntries(TYPED.map(({ key, ...f }) => [key, 'date' in f && url.searchParams.get(key) ? toRoc(url.searchParams.get(key) as string) : (url.searchParams.get(key) ?? '')]));
  const [typed, setTyped] = useState<Record<string, string>>(typedFromUrl);
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  // On a phone the filters fold behind one button, so the first case is on the first screen.
  const narrow = useNarrowScreen();
  const chosen = [...url.searchParams.keys()].filter((key) => key !== 'cursor').length;

  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? '';
  const query = new URLSearchParams([...url.searchParams].filter(([key, value]) => value !== '' && (FILTERS as readonly string[]).concat('cursor').includes(key)));

  useEffect(() => {
    setError(null);
    api<{ items: ReflectionListItem[]; nextCursor: string | null }>(`/reflections?${query}`).then(setPage, (e) => setError(messageOf(e)));
  }, [url.search]); // the query is derived from url.search

  const setFilters = (values: Record<string, string>) => {
    const next = new URLSearchParams(url.searchParams);
    for (const [key, value] of Object.entries(values)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('cursor' in values)) next.delete('cursor');
    navigate(`/cases?${next}`);
  };
  const setFilter = (key: string, value: string) => setFilters({ [key]: value });

  /** 查詢 (or Enter in any field): the typed filters apply together, or a date that is not one is said beside it. */
  function search(event: FormEvent) {
    event.preventDefault();
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const field of TYPED) {
      const text = typed[field.key].trim();
      const date = 'date' in field && text ? fromRoc(text) : null;
      if ('date' in field && text && !date) errors[field.key] = '請以民國年月日填寫，例如 115/11/01。';
      values[field.key] = 'date' in field ? (date ?? '') : text;
    }
    setDateErrors(errors);
    if (Object.keys(errors).length === 0) setFilters(values);
  }

  return (
    <main>
      <h1>案件</h1>
      <details className="filters-fold" open={!narrow}>
        <summary>篩選與排序{chosen > 0 ? `（已設定 ${chosen} 項）` : ''}</summary>
      <form className="filters" aria-label="篩選" onSubmit={search}>
        {aac && <FilterSelect label="政風機構" value={url.searchParams.get('unitId')} options={Object.fromEntries(units.map((u) => [u.id, u.name]))} onChange={(v) => setFilter('unitId', v)} />}
        <FilterSelect label="狀態" value={url.searchParams.get('status')} options={STATUSES} onChange={(v) => setFilter('status', v)} />
        <FilterSelect label="性質" value={url.searchParams.get('nature')} options={NATURES} onChange={(v) => setFilter('nature', v)} />
        <FilterSelect label="類別" value={url.searchParams.get('category')} options={CATEGORY_LABELS} onChange={(v) => setFilter('category', v)} />
        <FilterSelect label="主題" value={url.searchParams.get('theme')} options={THEMES} onChange={(v) => setFilter('theme', v)} />
        {TYPED.map(({ key, label }) => (
          <Field key={key} id={`filter-${key}`} label={label} error={dateErrors[key]}>
            <input id={`filter-${key}`} value={typed[key]} onChange={(e) => setTyped((all) => ({ ...all, [key]: e.target.value }))} />
          </Field>
        ))}
        <label>
          排序
          <select value={url.searchParams.get('sort') ?? '-receivedOn'} onChange={(e) => setFilter('sort', e.target.value)}>
            <option value="-receivedOn">受理日期（新到舊）</option>
            <option value="receivedOn">受理日期（舊到新）</option>
            <option value="-updatedAt">最近更新</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={url.searchParams.get('overdue') === 'true'} onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : '')} />
          僅逾期
        </label>
        <button type="submit">查詢</button>
      </form>
      </details>
      <table>
        <thead>
          <tr>
            {aac && <th scope="col">政風機構</th>}
            <th scope="col">案號</th>
            <th scope="col">受理日期</th>
            <th scope="col">性質／類別</th>
            <th scope="col">內容概述</th>
            <th scope="col">狀態</th>
            <th scope="col">最近期限</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((item) => (
            <tr key={item.id} className={item.overdue ? 'overdue' : undefined}>
              {aac && <td>{unitName(item.unitId)}</td>}
              <td>
                {item.caseNo}
                {item.imported && <span className="tag">匯入</span>}
              </td>
              <td>{toRoc(item.receivedOn)}</td>
              <td>
                {NATURES[item.nature]}／{categoryLabel(item.category)}
              </td>
              <td>
                <Link to={`/cases/${item.id}`}>{item.summary}</Link>
              </td>
              <td>{STATUSES[item.status]}</td>
              <td>{item.nextDueOn ? `${toRoc(item.nextDueOn)}${item.overdue ? '（逾期）' : ''}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="error" role="alert">
          案件清單無法載入：{error}
        </p>
      )}
      {!error && page?.items.length === 0 && <p>沒有符合的案件</p>}
      {page?.nextCursor && (
        <button type="button" onClick={() => setFilter('cursor', page.nextCursor as string)}>
          下一頁
        </button>
      )}
    </main>
  );
}
