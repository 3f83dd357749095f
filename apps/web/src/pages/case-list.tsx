import { useEffect, useState } from 'react';
import { api } from '../api';
import { Link } from '../components/link';
import { navigate, useLocation } from '../router';
import { fromRoc, toRoc } from '../roc-date';
import { CATEGORIES, NATURES, STATUSES, THEMES } from '../vocabulary';

interface Item {
  id: string;
  status: string;
  nature: string;
  category: string;
  summary: string;
  receivedOn: string;
  village: string | null;
  nextDueOn: string | null;
  overdue: boolean;
}

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

const FILTERS = ['status', 'nature', 'category', 'theme', 'siteId', 'q', 'overdue', 'receivedFrom', 'receivedTo', 'county', 'village', 'sort'] as const;

/** The cases, with the list API's filters kept in the URL so a link reproduces the view. */
export function CaseList() {
  const url = useLocation();
  const [page, setPage] = useState<{ items: Item[]; nextCursor: string | null } | null>(null);
  const query = new URLSearchParams([...url.searchParams].filter(([key, value]) => value !== '' && (FILTERS as readonly string[]).concat('cursor').includes(key)));

  useEffect(() => {
    api<{ items: Item[]; nextCursor: string | null }>(`/reflections?${query}`).then(setPage, () => setPage({ items: [], nextCursor: null }));
  }, [url.search]); // the query is derived from url.search

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(url.searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('cursor');
    navigate(`/cases?${next}`);
  };

  return (
    <main>
      <h1>案件</h1>
      <form className="filters" aria-label="篩選" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="狀態" value={url.searchParams.get('status')} options={STATUSES} onChange={(v) => setFilter('status', v)} />
        <FilterSelect label="性質" value={url.searchParams.get('nature')} options={NATURES} onChange={(v) => setFilter('nature', v)} />
        <FilterSelect label="類別" value={url.searchParams.get('category')} options={CATEGORY_LABELS} onChange={(v) => setFilter('category', v)} />
        <FilterSelect label="主題" value={url.searchParams.get('theme')} options={THEMES} onChange={(v) => setFilter('theme', v)} />
        {(['county', 'village'] as const).map((key) => (
          <label key={key}>
            {key === 'county' ? '縣市' : '村里'}
            <input defaultValue={url.searchParams.get(key) ?? ''} onBlur={(e) => setFilter(key, e.currentTarget.value.trim())} onKeyDown={(e) => e.key === 'Enter' && setFilter(key, e.currentTarget.value.trim())} />
          </label>
        ))}
        {(['receivedFrom', 'receivedTo'] as const).map((key) => (
          <label key={key}>
            {key === 'receivedFrom' ? '受理日期起（民國）' : '受理日期迄（民國）'}
            <input
              defaultValue={url.searchParams.get(key) ? toRoc(url.searchParams.get(key) as string) : ''}
              placeholder="115/11/01"
              onBlur={(e) => setFilter(key, fromRoc(e.currentTarget.value) ?? '')}
            />
          </label>
        ))}
        <label>
          關鍵字
          <input defaultValue={url.searchParams.get('q') ?? ''} onKeyDown={(e) => e.key === 'Enter' && setFilter('q', e.currentTarget.value)} />
        </label>
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
      </form>
      <table>
        <thead>
          <tr>
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
              <td>{toRoc(item.receivedOn)}</td>
              <td>
                {NATURES[item.nature]}／{CATEGORIES[item.category]?.label}
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
      {page?.items.length === 0 && <p>沒有符合的案件</p>}
      {page?.nextCursor && (
        <button type="button" onClick={() => setFilter('cursor', page.nextCursor as string)}>
          下一頁
        </button>
      )}
    </main>
  );
}
