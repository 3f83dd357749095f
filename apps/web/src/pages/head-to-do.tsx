import { useEffect, useState, type ReactElement } from 'react';
import { api, messageOf } from '../api';
import { Link } from '../components/link';
import { toRoc } from '../roc-date';
import type { Plan } from './plans';

interface AwaitingCase {
  id: string;
  caseNo: string | null;
  summary: string;
  receivedOn: string;
  nextDueOn: string | null;
  overdue: boolean;
}


/** One list of what the head is asked to decide, each one click from where it is decided. Failing to load says so, never "nothing". */
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

/** The agency head's to-do list: cases put to the head and not yet decided, plans awaiting approval. */
export function HeadToDo() {
  return (
    <main>
      <h1>待核示</h1>
      <Section
        title="簽報案件"
        load={awaitingCases}
        empty="目前沒有待核示的案件。"
        row={(item) => (
          <li key={item.id} className={item.overdue ? 'overdue' : undefined}>
            <Link to={`/cases/${item.id}`}>{item.summary}</Link>
            {item.caseNo && `（${item.caseNo}）`}
            {item.nextDueOn && `，期限 ${toRoc(item.nextDueOn)}${item.overdue ? '（已逾期）' : ''}`}
          </li>
        )}
      />
      <Section
        title="細部計畫"
        load={draftPlans}
        empty="目前沒有待核定的細部計畫。"
        row={(plan) => (
          <li key={plan.id}>
            <Link to="/plans">{plan.title}</Link>（{toRoc(plan.validFrom)}至{toRoc(plan.validTo)}，待核定）
          </li>
        )}
      />
    </main>
  );
}
