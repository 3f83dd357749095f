import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { Link } from '../components/link';
import { toRoc } from '../roc-date';
import { OBLIGATIONS, reminderStage as STAGE } from '../vocabulary';

interface Notification {
  id: string;
  reflectionId: string | null;
  planId: string | null;
  kind: string;
  party: string | null;
  stage: string;
  dueOn: string;
  createdAt: string;
  readAt: string | null;
}

/** The user's inbox of reminders and escalations. */
export function Notifications() {
  const [items, setItems] = useState<Notification[]>([]);
  const load = useCallback(() => void api<{ items: Notification[] }>('/notifications').then((r) => setItems(r.items)), []);
  useEffect(load, [load]);

  return (
    <main>
      <h1>通知</h1>
      <ul className="notifications">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
            <strong>{STAGE(n.stage)}</strong> {OBLIGATIONS[n.kind]}
            {n.party ? `（${n.party}）` : ''}・期限 {toRoc(n.dueOn)}・{n.reflectionId ? <Link to={`/cases/${n.reflectionId}`}>查看案件</Link> : <Link to="/plans">查看造訪排程</Link>}
            {!n.readAt && (
              <button type="button" onClick={() => void api(`/notifications/${n.id}/read`, { method: 'POST', body: {} }).then(load)}>
                標示已讀
              </button>
            )}
          </li>
        ))}
      </ul>
      {items.length === 0 && <p>沒有通知</p>}
    </main>
  );
}
