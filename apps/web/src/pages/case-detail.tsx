import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { api, ApiError, messageOf, saveDocument } from '../api';
import { receiptCodes } from '../receipt-codes';
import { announce } from '../components/status';
import { ActionForm, type ActionField } from '../components/action-form';
import { Link } from '../components/link';
import { rocInstant, toRoc, ROC_DATE_HINT } from '../roc-date';
import { useLocation } from '../router';
import { can, useMe, type Me } from '../session';
import {
  BEYOND_CALENDAR,
  categoryLabel,
  CHANNELS,
  EVENTS,
  HEAD_DECISIONS,
  HEAD_SUBJECTS,
  NATURES,
  NOTICE_KINDS,
  OBLIGATIONS,
  reminderStage,
  STATUSES,
  VENUES,
} from '../vocabulary';
import type { HistoryEvent } from '../api-answers';

interface Obligation {
  id: string;
  kind: string;
  party: string | null;
  dueOn: string;
  state: string;
  beyondCalendar?: boolean;
}

interface OnHeadsBehalf {
  documentNo: string;
  decidedOn: string;
}

interface HeadDecision {
  subject: string;
  agency: string | null;
  decision: string | null;
  dueOn: string | null;
  extension?: { newDueOn: string };
  onBehalf?: OnHeadsBehalf | null;
}

interface Reflection {
  id: string;
  caseNo: string;
  revision: number;
  status: string;
  nature: string;
  category: string;
  summary: string;
  receivedOn: string;
  siteName: string | null;
  county: string | null;
  township: string | null;
  village: string | null;
  /** Brought in from the unit's past work records: the row, and what it says as written. */
  imported?: { sheet: string; row: number; villageAsWritten: string | null; location: string | null; recordedByAsWritten: string | null } | null;
  reporter: Record<string, string> | { redacted: true; reason?: 'access_not_recorded' } | null;
  reporterErased: boolean;
  receipt: { check: 'phone' | 'pin'; issuedOn: string } | null;
  obligations: Obligation[];
  headDecisions: HeadDecision[];
  referrals: { agency: string; repliedOn: string | null }[];
  publications: unknown[];
  departments: { department: string; response: string | null }[];
  citizenWithdrawal: { withdrawnOn: string; channel: string; statement: string } | null;
  overdue: boolean;
}


const roc = (value: unknown) => toRoc(String(value));
const party = (value: unknown) => (value ? `（${value}）` : '');

/** A decision the head signed on paper, as the timeline shows it. */
const paper = (onBehalf: unknown) => {
  const signed = onBehalf as OnHeadsBehalf | null | undefined;
  return signed ? `（首長 ${toRoc(signed.decidedOn)} 紙本核示，文號 ${signed.documentNo}，代為登錄）` : '';
};

function describe(event: HistoryEvent): string {
  const text = what(event);
  return event.data.beyondCalendar === true ? `${text}（${BEYOND_CALENDAR}）` : text;
}

function what(event: HistoryEvent): string {
  const d = event.data;
  switch (event.type) {
    case 'ReflectionReceived':
      return String(d.summary);
    case 'HandlingOpinionRecorded':
      return String(d.opinion);
    case 'RoutedToDepartment':
      return `${d.department}，期限 ${roc(d.dueOn)}`;
    case 'DepartmentResponded':
      return `${d.department}：${d.response}`;
    case 'ReportedToHead':
      return `${d.note ?? ''}（期限 ${roc(d.dueOn)}）`;
    case 'HeadApprovalRequested':
      return `函請${d.agency}參處${d.note ? `：${d.note}` : ''}（期限 ${roc(d.dueOn)}）`;
    case 'HeadDecisionRecorded':
      return `${HEAD_SUBJECTS[String(d.subject)]}${party(d.agency)}：${HEAD_DECISIONS[String(d.decision)]}${d.instructions ? `，${d.instructions}` : ''}${paper(d.onBehalf)}`;
    case 'ReferredToAgency':
      return `${d.agency}（${d.letterNo}，${roc(d.sentOn)}），函復期限 ${roc(d.dueOn)}`;
    case 'AgencyReplied':
      return `${d.agency}：${d.reply}`;
    case 'CitizenReplied':
      return `${CHANNELS[String(d.channel)] ?? d.channel}：${d.content}`;
    case 'ExtensionRequested':
      return `回復期限 ${roc(d.currentDueOn)} 展延至 ${roc(d.newDueOn)}：${d.reason}`;
    case 'CitizenReplyDeadlineExtended':
      return `回復期限由 ${roc(d.previousDueOn)} 展延至 ${roc(d.newDueOn)}：${d.reason}`;
    case 'CitizenNotified':
      return `${NOTICE_KINDS[String(d.kind)]}${party(d.agency)}，${CHANNELS[String(d.channel)] ?? d.channel} ${roc(d.sentOn)}：${d.content}`;
    case 'ObligationWithdrawn':
      return `${withdrawalOf(String(d.kind), d.party)}：${d.reason}`;
    case 'CitizenWithdrewPetition':
      return `${roc(d.withdrawnOn)}以${CHANNELS[String(d.channel)] ?? d.channel}表示：${d.statement}`;
    case 'ReflectionClosed':
      return String(d.outcome);
    case 'ReflectionReopened':
      return String(d.reason);
    case 'ResultPublished':
      return `${VENUES[String(d.venue)] ?? d.venue}：${d.publicSummary}`;
    case 'FollowUpReminderIssued':
      return `${OBLIGATIONS[String(d.kind)] ?? d.kind}${party(d.party)}（${reminderStage(String(d.stage))}）`;
    case 'ReceiptIssued':
      return d.check === 'pin' ? '民眾以收執聯代碼及查詢密碼查詢' : '民眾以收執聯代碼及電話末4碼查詢';
    case 'StatusLookedUp':
      return `${d.succeeded ? '查詢成功' : '代碼正確，但電話末4碼或查詢密碼不符'}（來源網段 ${d.from}）`;
    default:
      return '';
  }
}

/** 撤回會辦工務課, 撤回函請經濟部水利署參處: what withdrawing an obligation means, in the programme's words. */
function withdrawalOf(kind: string, who: unknown): string {
  if (kind === 'department_answer') return `撤回會辦${who ?? ''}`;
  if (kind === 'agency_reply') return `撤回函請${who ?? ''}參處`;
  return `撤回${OBLIGATIONS[kind] ?? kind}${party(who)}`;
}

const options = (values: string[]) => Object.fromEntries(values.map((v) => [v, v]));
const optional = (field: ActionField): ActionField => ({ ...field, optional: true });

/** The fields of a head decision: anybody but the head names the paper the head signed. */
function headDecisionFields(me: Me, requests: Record<string, string>): ActionField[] {
  const fields: ActionField[] = [
    { name: 'request', label: '核示事項', kind: 'select', options: requests },
    { name: 'decision', label: '核示結果', kind: 'select', options: HEAD_DECISIONS },
    optional({ name: 'instructions', label: '首長指示', kind: 'textarea' }),
  ];
  if (can.isHead(me)) return fields;
  return [...fields, { name: 'documentNo', label: '首長簽核文號' }, { name: 'decidedOn', label: `首長簽核日期（${ROC_DATE_HINT}）`, kind: 'roc-date' }];
}

/** The head decision form's "request" names the subject, and the agency for a referral. */
const asHeadDecision = ({ request, ...rest }: Record<string, unknown>) => {
  const [subject, agency] = String(request).split('|');
  return { subject, ...(agency ? { agency } : {}), ...rest };
};

/**
 * The step the programme expects next (玖): the action it is done with, and what to tell the officer. Own agency:
 * route, answers, report to the head; other agency: the head's approval, the letter, the notice, the reply; then
 * the citizen, and closing.
 */
function nextStep(r: Reflection): { verb: string; text: string } | null {
  const open = (kind: string) => r.obligations.some((o) => o.kind === kind && o.state === 'open');
  if (r.status === 'closed') return r.publications.length === 0 ? { verb: 'publish', text: '公布辦理成果（廉政會報、村里民大會等）。' } : null;
  if (r.citizenWithdrawal) return { verb: 'close', text: '陳情人已撤回陳情，可以結案。' };
  if (r.headDecisions.some((h) => h.decision === null)) return { verb: 'head-decisions', text: '待機關首長核示簽報事項。' };
  if (open('department_answer')) return { verb: 'department-responses', text: '待業務單位答復，請追蹤並登錄答復。' };
  if (open('referral_notice') || open('extension_notice')) return { verb: 'citizen-notices', text: '通知陳情人（移送他機關，或書面告知展延理由）。' };
  const approved = r.headDecisions.filter((h) => h.subject === 'referral' && h.decision === 'approved').length;
  if (approved > r.referrals.length) return { verb: 'refer', text: '首長已核可：函請他機關參處，並登錄文號。' };
  if (open('agency_reply')) return { verb: 'agency-replies', text: '待他機關函復，請追蹤並登錄函復。' };
  const answered = r.departments.some((d) => d.response !== null);
  const reportApproved = r.headDecisions.some((h) => h.subject === 'report' && h.decision === 'approved');
  const replied = r.referrals.some((f) => f.repliedOn !== null);
  if (!answered && !replied) return { verb: 'route', text: '本機關權管：簽會業務單位；他機關權管：簽報首長核可函請參處。' };
  if (answered && !reportApproved && !replied) return { verb: 'report-to-head', text: '陳報機關首長作為施政參考。' };
  if (open('citizen_reply')) return { verb: 'citizen-replies', text: '回復民眾處理情形。' };
  return { verb: 'close', text: '各項待辦均已完成，可以結案。' };
}

interface PersonalDataAccess {
  view: string;
  actorName: string | null;
  at: string;
  position: string;
}

const ACCESS_VIEWS: Record<string, string> = {
  case: '檢視案件',
  case_as_of: '檢視案件當時狀態',
  history: '檢視歷程',
  attachment1_odt: '下載工作紀錄表（ODT）',
  attachment1_pdf: '列印工作紀錄表（PDF）',
  unit_export: '匯出單位全部資料',
};

/** For the supervisor: who saw this case's reporter in clear, when and how (個人資料保護法). */
function PersonalDataAccesses({ id }: { id: string }) {
  const [items, setItems] = useState<PersonalDataAccess[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api<{ items: PersonalDataAccess[] }>(`/audit/personal-data-access?reflectionId=${id}&limit=50`).then((answer) => setItems(answer.items), (e) => setError(messageOf(e)));
  }, [id]);
  // Folded behind its count: the timeline, not the log of who looked, is what the case screen is read for.
  return (
    <details className="access-log">
      <summary>
        <h2>個資調閱紀錄{items ? `（${items.length === 50 ? '最近50' : items.length} 筆）` : ''}</h2>
      </summary>
      {error ? (
        <p className="error" role="alert">
          個資調閱紀錄無法載入：{error}
        </p>
      ) : items === null ? (
        <p aria-busy="true">載入中…</p>
      ) : items.length === 0 ? (
        <p>尚無人調閱反映者個人資料。</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">時間</th>
              <th scope="col">人員</th>
              <th scope="col">方式</th>
            </tr>
          </thead>
          <tbody>
            {items.map((access) => (
              <tr key={access.position}>
                <td>{rocInstant(access.at)}</td>
                <td>{access.actorName ?? '—'}</td>
                <td>{ACCESS_VIEWS[access.view] ?? access.view}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/**
 * The citizen's receipt (收執聯): the code just issued, shown this once to read out or print on the slip, or a new
 * one issued (the old one stops working). After the reporter's data is erased there is none.
 */
function ReceiptPanel({ id, reflection, onIssued }: { id: string; reflection: Reflection; onIssued: () => Promise<void> }) {
  const [issued, setIssued] = useState(() => receiptCodes.of(id));
  const [error, setError] = useState<string | null>(null);
  if (reflection.reporterErased) return null;
  const reissue = async () => {
    if (reflection.receipt && !window.confirm('重新核發後，民眾手上的舊代碼即失效。確定重新核發？')) return;
    try {
      setError(null);
      const answer = await api<{ receiptCode: string; receiptPin?: string }>(`/reflections/${id}/receipt`, { method: 'POST', body: {} });
      receiptCodes.keep(id, answer);
      setIssued(receiptCodes.of(id));
      announce('已核發新的收執聯代碼');
      await onIssued();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const print = async () => {
    if (!issued) return;
    try {
      setError(null);
      const pin = issued.receiptPin ? `&pin=${issued.receiptPin}` : '';
      announce(`已下載${await saveDocument(`/reflections/${id}/receipt?code=${encodeURIComponent(issued.receiptCode)}${pin}&format=pdf`)}`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section aria-label="收執聯" className="receipt">
      <h2>收執聯</h2>
      {issued ? (
        <>
          <p>
            收執聯代碼 <strong className="receipt-code">{issued.receiptCode}</strong>
            {issued.receiptPin && (
              <>
                ，查詢密碼 <strong className="receipt-code">{issued.receiptPin}</strong>
              </>
            )}
          </p>
          <p className="hint">請列印交付或唸給民眾；系統不保存代碼，離開本頁後不再顯示。</p>
          <div className="buttons">
            <button type="button" onClick={() => void print()}>
              列印收執聯
            </button>
          </div>
        </>
      ) : (
        <p>{reflection.receipt ? `已於 ${toRoc(reflection.receipt.issuedOn)} 核發收執聯代碼（以${reflection.receipt.check === 'pin' ? '查詢密碼' : '電話末4碼'}查詢）。` : '尚未核發收執聯代碼。'}</p>
      )}
      <button type="button" className="secondary" onClick={() => void reissue()}>
        {reflection.receipt ? '重新核發代碼' : '核發收執聯代碼'}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** A case: its state, obligations and due dates, the next step, one action's form at a time, and the timeline of its whole history. */
export function CaseDetail({ id }: { id: string }) {
  const me = useMe();
  // `?revision=` shows the case as it stood right after a step of its timeline: read only, its timeline up to there.
  const asOf = useLocation().searchParams.get('revision');
  const asOfQuery = asOf ? `?revision=${encodeURIComponent(asOf)}` : '';
  const [reflection, setReflection] = useState<Reflection | null>(null);
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [missing, setMissing] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [r, h] = await Promise.all([api<Reflection>(`/reflections/${id}${asOfQuery}`), api<{ events: HistoryEvent[] }>(`/reflections/${id}/history${asOfQuery}`)]);
      setReflection(r);
      setHistory(h.events);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setMissing(true);
      else throw e;
    }
  }, [id, asOfQuery]);
  useEffect(() => void load(), [load]);

  async function saveFile(path: string) {
    try {
      setFileError(null);
      announce(`已下載${await saveDocument(path)}`);
    } catch (e) {
      setFileError(messageOf(e));
    }
  }

  if (missing) return <main><h1>找不到此案件</h1></main>;
  if (!reflection) return <main aria-busy="true">載入中…</main>;
  const open = reflection.status !== 'closed';
  const pending = reflection.obligations.filter((o) => o.state === 'open');
  const pendingOf = (kind: string) => pending.filter((o) => o.kind === kind);
  const departments = pendingOf('department_answer').map((o) => o.party as string);
  const awaitingReply = pendingOf('agency_reply').map((o) => o.party as string);
  const undecided = reflection.headDecisions.filter((h) => h.decision === null);
  const requests = Object.fromEntries(
    undecided.map((h) => [
      h.agency ? `${h.subject}|${h.agency}` : h.subject,
      h.subject === 'extension' ? `展延回復期限至 ${toRoc(h.extension?.newDueOn ?? '')}` : `${HEAD_SUBJECTS[h.subject]}${party(h.agency)}`,
    ]),
  );
  const decidedReferrals = reflection.headDecisions.filter((h) => h.subject === 'referral' && h.decision === 'approved' && h.agency).map((h) => h.agency as string);
  const referred = reflection.referrals.map((r) => r.agency);
  const times = (list: string[], agency: string) => list.filter((a) => a === agency).length;
  const approvedToRefer = [...new Set(decidedReferrals)].filter((agency) => times(decidedReferrals, agency) > times(referred, agency));
  const notices = Object.fromEntries(
    [...pendingOf('referral_notice').map((o) => [`referral|${o.party}`, `移送${o.party}`]), ...pendingOf('extension_notice').map(() => ['extension', '展延理由（書面）'])],
  );
  const withdrawable = pending.filter((o) => ['department_answer', 'agency_reply', 'referral_notice'].includes(o.kind));
  const citizenReplyOpen = pendingOf('citizen_reply').length > 0;
  const handles = !asOf && open && can.handle(me);
  const done = () => {
    setOpened(null);
    void load();
  };
  const action = (verb: string, title: string, fields: ActionField[], shape?: (values: Record<string, unknown>) => unknown, confirm?: string) => ({
    verb,
    title,
    form: <ActionForm key={`${verb}-${title}`} reflectionId={id} verb={verb} title={title} fields={fields} shape={shape} confirm={confirm} apiFields={{ request: 'subject', notice: 'kind' }} onDone={done} />,
  });
  const actions = [
    handles && action('route', '簽會業務單位', [{ name: 'departments', label: '業務單位（以頓號分隔）', kind: 'list' }, optional({ name: 'dueOn', label: `期限（${ROC_DATE_HINT}，可留空）`, kind: 'roc-date' })]),
    handles && departments.length > 0 && action('department-responses', '登錄業務單位答復', [{ name: 'department', label: '業務單位', kind: 'select', options: options(departments) }, { name: 'response', label: '答復內容', kind: 'textarea' }]),
    handles && !undecided.some((h) => h.subject === 'report') && action('report-to-head', '陳報機關首長', [optional({ name: 'note', label: '陳報說明', kind: 'textarea' })]),
    handles && action('request-head-approval', '簽報首長核可函請他機關參處', [{ name: 'agency', label: '擬函請參處之機關' }, optional({ name: 'note', label: '簽報說明', kind: 'textarea' })]),
    open && can.recordHeadDecision(me) && undecided.length > 0 && action('head-decisions', can.isHead(me) ? '首長核示' : '登錄首長紙本核示', headDecisionFields(me, requests), asHeadDecision),
    handles && approvedToRefer.length > 0 &&
      action('refer', '函請他機關參處', [
        { name: 'agency', label: '受文機關（已奉核可）', kind: 'select', options: options(approvedToRefer) },
        { name: 'letterNo', label: '發文字號' },
        { name: 'sentOn', label: `發文日期（${ROC_DATE_HINT}）`, kind: 'roc-date' },
        optional({ name: 'dueOn', label: `函復期限（${ROC_DATE_HINT}，可留空）`, kind: 'roc-date' }),
      ]),
    handles && awaitingReply.length > 0 && action('agency-replies', '登錄他機關函復', [{ name: 'agency', label: '機關', kind: 'select', options: options(awaitingReply) }, { name: 'reply', label: '函復內容', kind: 'textarea' }, optional({ name: 'letterNo', label: '來文字號' })]),
    handles && Object.keys(notices).length > 0 &&
      action(
        'citizen-notices',
        '通知陳情人',
        [
          { name: 'notice', label: '通知事項', kind: 'select', options: notices },
          { name: 'channel', label: '方式', kind: 'select', options: CHANNELS },
          { name: 'sentOn', label: `通知日期（${ROC_DATE_HINT}）`, kind: 'roc-date' },
          { name: 'content', label: '通知內容', kind: 'textarea' },
        ],
        ({ notice, ...rest }) => {
          const [kind, agency] = String(notice).split('|');
          return { kind, ...(agency ? { agency } : {}), ...rest };
        },
      ),
    handles && citizenReplyOpen && !undecided.some((h) => h.subject === 'extension') &&
      action('extension-requests', '簽請展延回復期限', [{ name: 'newDueOn', label: `展延至（${ROC_DATE_HINT}）`, kind: 'roc-date' }, { name: 'reason', label: '展延理由', kind: 'textarea' }]),
    handles && action('citizen-replies', '回復民眾', [{ name: 'channel', label: '方式', kind: 'select', options: CHANNELS }, { name: 'content', label: '回復內容', kind: 'textarea' }]),
    handles && withdrawable.length > 0 &&
      action('withdrawals', '撤回會辦或函請參處', [
        { name: 'obligationId', label: '撤回事項', kind: 'select', options: Object.fromEntries(withdrawable.map((o) => [o.id, withdrawalOf(o.kind, o.party)])) },
        { name: 'reason', label: '撤回理由', kind: 'textarea' },
      ]),
    handles && !reflection.citizenWithdrawal &&
      action(
        'citizen-withdrawal',
        '登錄陳情人撤回',
        [
          { name: 'withdrawnOn', label: `撤回日期（${ROC_DATE_HINT}）`, kind: 'roc-date' },
          { name: 'channel', label: '方式', kind: 'select', options: CHANNELS },
          { name: 'statement', label: '陳情人撤回之陳述', kind: 'textarea' },
        ],
        undefined,
        '陳情人撤回後，尚待業務單位、他機關及首長辦理之事項一併撤回，本案即可結案。確定登錄？',
      ),
    handles &&
      action(
        'close',
        '結案',
        [{ name: 'outcome', label: '辦理結果', kind: 'textarea' }, optional({ name: 'noReplyReason', label: '未能回復民眾之原因', kind: 'select', options: { '': '（已回復民眾）', anonymous: '匿名', no_contact: '無聯絡方式' } })],
        undefined,
        '結案後只能恢復列管或公布成果。確定結案？',
      ),
    !open && can.handle(me) && reflection.publications.length === 0 && action('publish', '公布成果', [{ name: 'venue', label: '公布場合', kind: 'select', options: VENUES }, { name: 'publicSummary', label: '公布內容（不得含反映者個資）', kind: 'textarea' }]),
    !open && can.handle(me) && action('reopen', '恢復列管', [{ name: 'reason', label: '原因', kind: 'textarea' }]),
    can.eraseReporter(me) && reflection.reporter !== null && !('redacted' in reflection.reporter) &&
      action('erase-reporter', '刪除反映者個人資料', [{ name: 'reason', label: '刪除理由（如當事人請求）', kind: 'textarea' }], undefined, '刪除後無法復原，反映者的姓名、職業、電話、地址將永久無法讀取。確定刪除？'),
  ].filter((a): a is { verb: string; title: string; form: ReactElement } => !asOf && Boolean(a));
  const suggested = asOf ? null : nextStep(reflection);
  const current = actions.find((a) => `${a.verb}-${a.title}` === opened);

  return (
    <main>
      <h1>{reflection.summary}</h1>
      {asOf && (
        <p className="as-of" role="note">
          以下為本案於 <strong>{history.length > 0 ? rocInstant(history[history.length - 1].occurredAt) : ''}</strong> 當時的狀態（第 {reflection.revision + 1} 筆紀錄後），僅供檢視。
          <Link to={`/cases/${id}`}>回到目前狀態</Link>
        </p>
      )}
      <dl className="facts">
        <dt>案號</dt>
        <dd>
          {reflection.caseNo}
          {reflection.imported && <span className="tag">匯入</span>}
        </dd>
        <dt>狀態</dt>
        <dd>
          {STATUSES[reflection.status]}
          {reflection.overdue && <strong className="overdue-flag">（逾期）</strong>}
          {reflection.citizenWithdrawal && `（陳情人已於 ${toRoc(reflection.citizenWithdrawal.withdrawnOn)} 撤回）`}
        </dd>
        <dt>性質／類別</dt>
        <dd>
          {NATURES[reflection.nature]}／{categoryLabel(reflection.category)}
        </dd>
        <dt>受理日期</dt>
        <dd>{toRoc(reflection.receivedOn)}</dd>
        <dt>地點</dt>
        <dd>
          {[reflection.county, reflection.township, reflection.village].filter(Boolean).join('') || '（未指定）'}
          {reflection.siteName && `（平臺地點：${reflection.siteName}）`}
          {reflection.imported?.villageAsWritten && `（原紀錄：${reflection.imported.villageAsWritten}）`}
          {reflection.imported?.location && `（${reflection.imported.location}）`}
        </dd>
        {reflection.imported && (
          <>
            <dt>來源</dt>
            <dd>
              自過去的工作紀錄匯入（工作表「{reflection.imported.sheet}」第 {reflection.imported.row} 列{reflection.imported.recordedByAsWritten ? `，紀錄人：${reflection.imported.recordedByAsWritten}` : ''}）
            </dd>
          </>
        )}
        <dt>反映者</dt>
        <dd>
          {reflection.reporter === null
            ? '匿名'
            : !('redacted' in reflection.reporter)
              ? Object.values(reflection.reporter).join('、')
              : reflection.reporter.reason === 'access_not_recorded'
                ? '（無法記錄本次調閱，暫不顯示個人資料，請稍後再試）'
                : '（個人資料，依權限不予顯示）'}
        </dd>
      </dl>
      {!asOf && can.record(me) && <ReceiptPanel id={id} reflection={reflection} onIssued={load} />}
      {!asOf && (
        <div className="action-list">
          <button type="button" onClick={() => void saveFile(`/reflections/${id}/export?format=pdf`)}>
            列印工作紀錄表（附件1）
          </button>
          {can.auditActivity(me) && (
            <button type="button" className="secondary" onClick={() => void saveFile(`/audit/reflections/${id}/file?format=pdf`)}>
              列印案件稽核檔
            </button>
          )}
          {fileError && (
            <p className="error" role="alert">
              {fileError}
            </p>
          )}
        </div>
      )}
      <h2>待辦期限</h2>
      <ul aria-label="待辦期限">
        {pending.map((o) => (
          <li key={o.id}>
            {OBLIGATIONS[o.kind]}
            {party(o.party)}：{toRoc(o.dueOn)}
            {o.beyondCalendar && <small className="beyond-calendar">（{BEYOND_CALENDAR}）</small>}
          </li>
        ))}
        {pending.length === 0 && <li>無</li>}
      </ul>
      {suggested && (
        <p className="next-step" id="next-step">
          <strong>建議下一步：</strong>
          {suggested.text}
        </p>
      )}
      {actions.length > 0 && (
        <section aria-label="可辦理事項">
          <h2>辦理</h2>
          <div role="group" aria-label="辦理項目" className="action-list">
            {actions.map((a) => {
              const key = `${a.verb}-${a.title}`;
              const isNext = suggested?.verb === a.verb;
              return (
                <button
                  key={key}
                  type="button"
                  className={isNext ? 'suggested' : 'secondary'}
                  aria-expanded={opened === key}
                  aria-describedby={isNext ? 'next-step' : undefined}
                  onClick={() => setOpened(key)}
                >
                  {a.title}
                </button>
              );
            })}
          </div>
          {current && (
            <div className="opened-action">
              {current.form}
              <button type="button" className="secondary" onClick={() => setOpened(null)}>
                取消
              </button>
            </div>
          )}
        </section>
      )}
      {!asOf && can.auditPersonalData(me) && <PersonalDataAccesses id={id} />}
      <h2>歷程</h2>
      <ol className="timeline">
        {history.map((event) => (
          <li key={event.revision}>
            <time>{rocInstant(event.occurredAt)}</time> <strong>{EVENTS[event.type] ?? event.type}</strong> {event.actorName && <span>（{event.actorName}）</span>} <span>{describe(event)}</span>{' '}
            <Link to={`/cases/${id}?revision=${event.revision}`} className="as-of-link">
              檢視此步驟當時狀態
            </Link>
          </li>
        ))}
      </ol>
    </main>
  );
}
