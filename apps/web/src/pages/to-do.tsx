import { useEffect, useState, type ReactElement } from 'react';
import { api, messageOf } from '../api';
import { Link } from '../components/link';
import { toRoc } from '../roc-date';
import { navigate } from '../router';
import { can, useMe } from '../session';
import { OBLIGATIONS, reminderStage } from '../vocabulary';
import { CorrectionsDue } from './biweekly-report';
import type { FollowUp } from '../api-answers';
import type { Plan } from './plans';

interface AwaitingCase {
  id: string;
  caseNo: string | null;
  summary: string;
  receivedOn: string;
  nextDueOn: string | null;
  overdue: boolean;
}


interface Escalation {
  id: string;
  reflectionId: string | null;
  kind: string;
  party: string | null;
  stage: string;
  dueOn: string;
  readAt: string | null;
}

/** One list of what waits, each item one click from where it is done. Failing to load says so, never "nothing". */
function Section<T>({ title, load, empty, row }: { title: string; load: () => Promise<T[]>; empty: string; row: (item: T) => ReactElement }) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(setItems, (e) => setError(messageOf(e)));
  }, [load]);
  return (
    <section aria-label={title}>
      <h2>
        {title}
        {items && `（${items.length}）`}
      </h2>
      {error && (
        <p className="error" role="alert">
          {title}無法載入：{error}
        </p>
      )}
      {!error && items === null && <p aria-busy="true">載入中…</p>}
      {items && items.length === 0 && <p>{empty}</p>}
      {items && items.length > 0 && <ul>{items.map(row)}</ul>}
    </section>
  );
}

const awaitingCases = () => api<{ items: AwaitingCase[] }>('/reflections?awaitingHead=true&sort=receivedOn&limit=100').then((r) => r.items);
const draftPlans = () => api<{ items: Plan[] }>('/plans').then((r) => r.items.filter((plan) => plan.state === 'draft'));
const followUps = (state: 'overdue' | 'due') => () => api<{ items: FollowUp[] }>(`/follow-ups?state=${state}&limit=50`).then((r) => r.items);
const overdue = followUps('overdue');
const dueSoon = followUps('due');
const escalations = () => api<{ items: Escalation[] }>('/notifications').then((r) => r.items.filter((n) => !n.readAt && typeof n.stage === 'string' && n.stage.startsWith('escalation_')));

const obligation = (item: FollowUp) => (
  <li key={item.id} className={item.overdue ? 'overdue' : undefined}>
    {toRoc(item.dueOn)}
    {item.overdue ? `（逾期${item.daysOverdue}日）` : ''} {OBLIGATIONS[item.kind]}
    {item.party ? `（${item.party}）` : ''}：<Link to={`/cases/${item.reflectionId}`}>{item.summary}</Link>
  </li>
);

/**
 * 待辦: each role's list of what is waiting for them, each item one click from where it is done. The head: the
 * cases and plans put to them. The ethics officer and the supervisor: overdue and coming obligations, and the
 * corrections (更正) the biweekly reports owe; the supervisor also the escalations not yet read.
 */
export function ToDo() {
  const me = useMe();
  return (
    <main>
      <h1>待辦</h1>
      {can.isHead(me) && (
        <>
          <Section title="待核示簽報案件" load={awaitingCases} empty="目前沒有待核示的案件。" row={(item) => (
            <li key={item.id} className={item.overdue ? 'overdue' : undefined}>
              <Link to={`/cases/${item.id}`}>{item.summary}</Link>
              {item.caseNo && `（${item.caseNo}）`}
              {item.nextDueOn && `，期限 ${toRoc(item.nextDueOn)}${item.overdue ? '（已逾期）' : ''}`}
            </li>
          )} />
          <Section title="待核定細部計畫" load={draftPlans} empty="目前沒有待核定的細部計畫。" row={(plan) => (
            <li key={plan.id}>
              <Link to="/plans">{plan.title}</Link>（{toRoc(plan.validFrom)}至{toRoc(plan.validTo)}，待核定）
            </li>
          )} />
        </>
      )}
      {can.handle(me) && (
        <>
          <Section title="已逾期" load={overdue} empty="目前沒有逾期的待辦事項。" row={obligation} />
          <Section title="即將到期" load={dueSoon} empty="近期沒有到期的待辦事項。" row={obligation} />
          <CorrectionsDue onChoose={(periodStart) => navigate(`/reports?periodStart=${periodStart}`)} />
        </>
      )}
      {me.roles.includes('supervisor') && (
        <Section title="逾期催辦" load={escalations} empty="沒有未讀的逾期催辦。" row={(n) => (
          <li key={n.id}>
            {reminderStage(n.stage)} {OBLIGATIONS[n.kind]}
            {n.party ? `（${n.party}）` : ''}・期限 {toRoc(n.dueOn)}・{n.reflectionId ? <Link to={`/cases/${n.reflectionId}`}>查看案件</Link> : <Link to="/plans">查看造訪排程</Link>}
          </li>
        )} />
      )}
    </main>
  );
}
