import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, session } from '../api';
import { ActionForm, type ActionField } from '../components/action-form';
import { toRoc } from '../roc-date';
import { can, useMe } from '../session';
import { CATEGORIES, CHANNELS, EVENTS, NATURES, OBLIGATIONS, STATUSES, VENUES } from '../vocabulary';

interface Obligation {
  id: string;
  kind: string;
  party: string | null;
  dueOn: string;
  state: string;
}

interface Reflection {
  id: string;
  revision: number;
  status: string;
  nature: string;
  category: string;
  summary: string;
  receivedOn: string;
  reporter: Record<string, string> | { redacted: true } | null;
  obligations: Obligation[];
  headDecisions: { subject: string; agency: string | null; decision: string | null }[];
  referrals: { agency: string; repliedOn: string | null }[];
  overdue: boolean;
}

interface HistoryEvent {
  type: string;
  revision: number;
  occurredAt: string;
  actorName: string | null;
  data: Record<string, unknown>;
}

const when = (instant: string) => {
  const local = new Date(Date.parse(instant) + 8 * 3600_000).toISOString();
  return `${toRoc(local.slice(0, 10))} ${local.slice(11, 16)}`;
};

function describe(event: HistoryEvent): string {
  const d = event.data;
  switch (event.type) {
    case 'ReflectionReceived':
      return String(d.summary);
    case 'HandlingOpinionRecorded':
      return String(d.opinion);
    case 'RoutedToDepartment':
      return `${d.department}，期限 ${toRoc(String(d.dueOn))}`;
    case 'DepartmentResponded':
      return `${d.department}：${d.response}`;
    case 'HeadDecisionRecorded':
      return `${d.subject === 'referral' ? `函轉${d.agency}` : '陳報'}：${d.decision === 'approved' ? '核可' : '退回'}`;
    case 'ReferredToAgency':
      return `${d.agency}（${d.letterNo}）`;
    case 'AgencyReplied':
      return `${d.agency}：${d.reply}`;
    case 'CitizenReplied':
      return `${CHANNELS[String(d.channel)] ?? d.channel}：${d.content}`;
    case 'ReflectionClosed':
      return String(d.outcome);
    case 'ResultPublished':
      return `${VENUES[String(d.venue)] ?? d.venue}：${d.publicSummary}`;
    case 'FollowUpReminderIssued':
      return `${OBLIGATIONS[String(d.kind)] ?? d.kind}（${d.stage}）`;
    default:
      return '';
  }
}

/** A case: its state, obligations and due dates, the timeline of its whole history, and what it allows now. */
export function CaseDetail({ id }: { id: string }) {
  const me = useMe();
  const [reflection, setReflection] = useState<Reflection | null>(null);
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [missing, setMissing] = useState(false);

  const load = useCallback(async () => {
    try {
      const [r, h] = await Promise.all([api<Reflection>(`/reflections/${id}`), api<{ events: HistoryEvent[] }>(`/reflections/${id}/history`)]);
      setReflection(r);
      setHistory(h.events);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else throw e;
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  async function printForm() {
    const response = await fetch(`/api/v1/reflections/${id}/export?format=pdf`, { headers: { Authorization: `Bearer ${session.token()}` } });
    window.open(URL.createObjectURL(await response.blob()), '_blank');
  }

  if (missing) return <main><h1>找不到此案件</h1></main>;
  if (!reflection) return <main aria-busy="true">載入中…</main>;
  const open = reflection.status !== 'closed';
  const pending = reflection.obligations.filter((o) => o.state === 'open');
  const departments = pending.filter((o) => o.kind === 'department_answer').map((o) => o.party as string);
  const agencies = reflection.referrals.filter((r) => !r.repliedOn).map((r) => r.agency);
  const reportPending = reflection.headDecisions.some((h) => h.subject === 'report' && h.decision === null);
  const action = (verb: string, title: string, fields: ActionField[]) => (
    <ActionForm key={verb} reflectionId={id} verb={verb} title={title} fields={fields} onDone={load} />
  );
  const actions = [
    open && can.handle(me) && action('route', '簽會業務單位', [{ name: 'departments', label: '業務單位（以頓號分隔）', kind: 'list' }, { name: 'dueOn', label: '期限（民國年/月/日，可留空）', kind: 'roc-date', optional: true }]),
    open && can.handle(me) && departments.length > 0 && action('department-responses', '登錄業務單位答復', [{ name: 'department', label: '業務單位', kind: 'select', options: Object.fromEntries(departments.map((d) => [d, d])) }, { name: 'response', label: '答復內容', kind: 'textarea' }]),
    open && can.handle(me) && !reportPending && action('report-to-head', '陳報機關首長', [{ name: 'note', label: '陳報說明', kind: 'textarea', optional: true }]),
    open && can.decideAsHead(me) && reportPending && action('head-decisions', '登錄首長核示', [{ name: 'subject', label: '事項', kind: 'select', options: { report: '陳報' } }, { name: 'decision', label: '核示', kind: 'select', options: { approved: '核可', returned: '退回' } }, { name: 'instructions', label: '指示', kind: 'textarea', optional: true }]),
    open && can.handle(me) && agencies.length > 0 && action('agency-replies', '登錄他機關函復', [{ name: 'agency', label: '機關', kind: 'select', options: Object.fromEntries(agencies.map((a) => [a, a])) }, { name: 'reply', label: '函復內容', kind: 'textarea' }, { name: 'letterNo', label: '文號', optional: true }]),
    open && can.handle(me) && action('citizen-replies', '回復民眾', [{ name: 'channel', label: '方式', kind: 'select', options: CHANNELS }, { name: 'content', label: '回復內容', kind: 'textarea' }]),
    open && can.handle(me) && action('close', '結案', [{ name: 'outcome', label: '辦理結果', kind: 'textarea' }, { name: 'noReplyReason', label: '未能回復民眾之原因', kind: 'select', options: { '': '（已回復民眾）', anonymous: '匿名', no_contact: '無聯絡方式' }, optional: true }]),
    !open && can.handle(me) && action('publish', '公布成果', [{ name: 'venue', label: '公布場合', kind: 'select', options: VENUES }, { name: 'publicSummary', label: '公布內容（不得含反映者個資）', kind: 'textarea' }]),
    !open && can.handle(me) && action('reopen', '重新開案', [{ name: 'reason', label: '原因', kind: 'textarea' }]),
  ].filter(Boolean);

  return (
    <main>
      <h1>{reflection.summary}</h1>
      <dl className="facts">
        <dt>狀態</dt>
        <dd>
          {STATUSES[reflection.status]}
          {reflection.overdue && <strong className="overdue-flag">（逾期）</strong>}
        </dd>
        <dt>性質／類別</dt>
        <dd>
          {NATURES[reflection.nature]}／{CATEGORIES[reflection.category]?.label}
        </dd>
        <dt>受理日期</dt>
        <dd>{toRoc(reflection.receivedOn)}</dd>
        <dt>反映者</dt>
        <dd>{reflection.reporter === null ? '匿名' : 'redacted' in reflection.reporter ? '（個人資料，依權限不予顯示）' : Object.values(reflection.reporter).join('、')}</dd>
      </dl>
      <button type="button" onClick={printForm}>
        列印工作紀錄表（附件1）
      </button>
      <h2>待辦期限</h2>
      <ul>
        {pending.map((o) => (
          <li key={o.id}>
            {OBLIGATIONS[o.kind]}
            {o.party ? `（${o.party}）` : ''}：{toRoc(o.dueOn)}
          </li>
        ))}
        {pending.length === 0 && <li>無</li>}
      </ul>
      {actions.length > 0 && (
        <section aria-label="可辦理事項">
          <h2>辦理</h2>
          {actions}
        </section>
      )}
      <h2>歷程</h2>
      <ol className="timeline">
        {history.map((event) => (
          <li key={event.revision}>
            <time>{when(event.occurredAt)}</time> <strong>{EVENTS[event.type] ?? event.type}</strong> {event.actorName && <span>（{event.actorName}）</span>} <span>{describe(event)}</span>
          </li>
        ))}
      </ol>
    </main>
  );
}
