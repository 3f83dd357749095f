import { useCallback, useEffect, useState } from 'react';
import { api, messageOf } from '../api';
import { Link } from '../components/link';
import { navigate } from '../router';
import { can, useMe } from '../session';
import { CorrectionsDue } from './biweekly-report';
import { rocInstant, toRoc } from '../roc-date';
import { BEYOND_CALENDAR, OBLIGATIONS, reminderStage as STAGE, ROLES } from '../vocabulary';

interface Reminder {
  id: string;
  reflectionId: string | null;
  planId: string | null;
  kind: string;
  party: string | null;
  stage: string;
  dueOn: string;
  beyondCalendar?: boolean;
  /** The visits one summary names: those already due when the plan came into force. */
  visits?: { siteId: string; siteName: string | null; dueOn: string }[];
  createdAt: string;
  readAt: string | null;
}

/** A change of who may do what in the unit, for its head. */
interface RoleNotice {
  id: string;
  kind: 'roles_changed' | 'user_deactivated';
  subjectName: string;
  actorName: string | null;
  from: string[] | null;
  to: string[] | null;
  createdAt: string;
  readAt: string | null;
}

type Notification = Reminder | RoleNotice;

const roles = (list: string[] | null) => (list && list.length ? list.map((r) => ROLES[r] ?? r).join('、') : '無');
const isNotice = (n: Notification): n is RoleNotice => n.kind === 'roles_changed' || n.kind === 'user_deactivated';

/** 系統管理員 將 王小明 的角色由「政風同仁」變更為「政風主管」 */
function noticeText(n: RoleNotice): string {
  const who = n.actorName ?? '系統';
  if (n.kind === 'user_deactivated') return `${who} 停用了 ${n.subjectName} 的帳號`;
  if (!n.from || n.from.length === 0) return `${who} 新增使用者 ${n.subjectName}，角色「${roles(n.to)}」`;
  return `${who} 將 ${n.subjectName} 的角色由「${roles(n.from)}」變更為「${roles(n.to)}」`;
}

/** The user's inbox of reminders and escalations. */
export function Notifications() {
  const me = useMe();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => void api<{ items: Notification[] }>('/notifications').then((r) => setItems(r.items), (e) => setError(messageOf(e))), []);
  useEffect(load, [load]);

  return (
    <main>
      <h1>通知</h1>
      {can.handle(me) && <CorrectionsDue onChoose={(periodStart) => navigate(`/reports?periodStart=${periodStart}`)} />}
      {error && (
        <p className="error" role="alert">
          通知無法載入：{error}
        </p>
      )}
      {items === null && !error && <p aria-busy="true">載入中…</p>}
      <ul className="notifications">
        {(items ?? []).map((n) => (
          <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
            {isNotice(n) ? (
              <>
                <strong>人員權限異動</strong> {noticeText(n)}（{rocInstant(n.createdAt)}）
              </>
            ) : n.visits ? (
              <>
                <strong>{STAGE(n.stage)}</strong> 細部實施計畫核定時已屆期之造訪 {n.visits.length} 處：
                {n.visits.map((v) => `${v.siteName ?? '平臺'}（應於 ${toRoc(v.dueOn)} 造訪）`).join('、')}・<Link to="/plans">查看造訪排程</Link>
              </>
            ) : (
              <>
                <strong>{STAGE(n.stage)}</strong> {OBLIGATIONS[n.kind]}
                {n.party ? `（${n.party}）` : ''}・期限 {toRoc(n.dueOn)}
                {n.beyondCalendar && <small className="beyond-calendar">（{BEYOND_CALENDAR}）</small>}・{n.reflectionId ? <Link to={`/cases/${n.reflectionId}`}>查看案件</Link> : <Link to="/plans">查看造訪排程</Link>}
              </>
            )}
            {!n.readAt && (
              <button type="button" onClick={() => void api(`/notifications/${n.id}/read`, { method: 'POST', body: {} }).then(load)}>
                標示已讀
              </button>
            )}
          </li>
        ))}
      </ul>
      {items?.length === 0 && <p>沒有通知</p>}
    </main>
  );
}
