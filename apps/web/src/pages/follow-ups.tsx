import { useEffect, useState } from 'react';
import { api, messageOf } from '../api';
import { Link } from '../components/link';
import { toRoc } from '../roc-date';
import { BEYOND_CALENDAR, OBLIGATIONS } from '../vocabulary';
import type { FollowUp } from '../api-answers';

/** Due and overdue obligations, oldest first, each one click from its case. */
export function FollowUps() {
  const [state, setState] = useState('overdue');
  const [items, setItems] = useState<FollowUp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    setError(null);
    api<{ items: FollowUp[] }>(`/follow-ups?state=${state}`).then((r) => setItems(r.items), (e) => setError(messageOf(e)));
  }, [state]);

  return (
    <main>
      <h1>追蹤管制</h1>
      <label>
        範圍
        <select value={state} onChange={(e) => setState(e.target.value)}>
          <option value="overdue">已逾期</option>
          <option value="due">即將到期</option>
          <option value="open">全部待辦</option>
        </select>
      </label>
      <table>
        <thead>
          <tr>
            <th scope="col">期限</th>
            <th scope="col">待辦事項</th>
            <th scope="col">案件</th>
          </tr>
        </thead>
        <tbody>
          {(items ?? []).map((item) => (
            <tr key={item.id} className={item.overdue ? 'overdue' : undefined}>
              <td>
                {toRoc(item.dueOn)}
                {item.overdue ? `（逾期${item.daysOverdue}日）` : ''}
                {item.beyondCalendar && <small className="beyond-calendar">（{BEYOND_CALENDAR}）</small>}
              </td>
              <td>
                {OBLIGATIONS[item.kind]}
                {item.party ? `（${item.party}）` : ''}
              </td>
              <td>
                <Link to={`/cases/${item.reflectionId}`}>{item.summary}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="error" role="alert">
          待辦事項無法載入：{error}
        </p>
      )}
      {items === null && !error && <p aria-busy="true">載入中…</p>}
      {items?.length === 0 && <p>沒有待辦事項</p>}
    </main>
  );
}
