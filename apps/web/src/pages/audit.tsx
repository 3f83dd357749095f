import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { Link } from '../components/link';
import { fromRoc, ROC_DATE_HINT, rocInstant } from '../roc-date';
import { ACTIVITY } from '../vocabulary';

interface Entry {
  position: string;
  streamId: string;
  revision: number;
  type: string;
  label: string | null;
  actorName: string | null;
  occurredAt: string;
  hash: string | null;
}

/** The case a fact belongs to: a step of the case itself, or a reading of its reporter (its access stream). */
const caseOf = (streamId: string): { id: string; step: boolean } | null => {
  const [category, ...rest] = streamId.split('-');
  const id = rest.join('-');
  return category === 'reflection' ? { id, step: true } : category === 'pdaccess' ? { id, step: false } : null;
};

/** The supervisor's (and the AAC's) activity audit: who did what and when, newest first, with filters. */
export function Audit() {
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [items, setItems] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);

  useEffect(() => {
    setItems(null);
    void api<{ items: Entry[]; nextCursor: string | null }>(`/audit/events?limit=50${query}`).then((page) => {
      setItems(page.items);
      setNext(page.nextCursor);
    });
  }, [query]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const [fromIso, toIso] = [from ? fromRoc(from) : '', to ? fromRoc(to) : ''];
    if (fromIso === null || toIso === null) return setProblem(`日期請以${ROC_DATE_HINT}填寫。`);
    setProblem(null);
    setQuery(`${type ? `&type=${type}` : ''}${fromIso ? `&from=${fromIso}` : ''}${toIso ? `&to=${toIso}` : ''}`);
  }

  async function more() {
    const page = await api<{ items: Entry[]; nextCursor: string | null }>(`/audit/events?limit=50${query}&cursor=${next}`);
    setItems((shown) => [...(shown ?? []), ...page.items]);
    setNext(page.nextCursor);
  }

  return (
    <main>
      <h1>稽核紀錄</h1>
      <form className="filters" onSubmit={apply} aria-label="篩選稽核紀錄">
        <label>
          事項
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">全部</option>
            {Object.entries(ACTIVITY).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          起日（{ROC_DATE_HINT}）
          <input value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          迄日（{ROC_DATE_HINT}）
          <input value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit">查詢</button>
        {problem && <p role="alert">{problem}</p>}
      </form>
      {items === null ? (
        <p aria-busy="true">載入中…</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">時間</th>
              <th scope="col">人員</th>
              <th scope="col">事項</th>
              <th scope="col">紀錄</th>
              <th scope="col">雜湊值</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => {
              const caseId = caseOf(entry.streamId);
              return (
                <tr key={entry.position}>
                  <td>{rocInstant(entry.occurredAt)}</td>
                  <td>{entry.actorName ?? '系統'}</td>
                  <td>{entry.label ?? entry.type}</td>
                  <td>
                    {!caseId ? (
                      `第${entry.revision + 1}筆`
                    ) : caseId.step ? (
                      <Link to={`/cases/${caseId.id}?revision=${entry.revision}`}>案件第{entry.revision + 1}筆</Link>
                    ) : (
                      <Link to={`/cases/${caseId.id}`}>案件（第{entry.revision + 1}次調閱）</Link>
                    )}
                  </td>
                  <td>
                    <code title={entry.hash ?? undefined}>{entry.hash ? `${entry.hash.slice(0, 12)}…` : '—'}</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {items?.length === 0 && <p>沒有符合的紀錄</p>}
      {next && (
        <button type="button" className="secondary" onClick={() => void more()}>
          載入更多
        </button>
      )}
    </main>
  );
}
