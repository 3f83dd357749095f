import { toRoc } from './roc-date';
import { OBLIGATIONS } from './vocabulary';

/** What the programme's steps are called when the API says one is missing before closing. */
const STEPS: Record<string, string> = {
  route_to_departments: '簽會業務單位',
  department_answer: '業務單位答復',
  report_to_head: '陳報機關首長',
  head_decision_on_report: '首長核定陳報',
  request_head_approval: '簽報首長核可',
  head_decision_on_referral: '首長核示函請他機關參處',
  refer_to_agency: '函請他機關參處',
  agency_reply: '他機關函復',
};

type Details = Record<string, unknown> | undefined;

function missingForClosing(details: Details): string {
  const open = ((details?.openObligations ?? []) as { kind: string; party: string | null; dueOn: string }[]).map(
    (o) => `${OBLIGATIONS[o.kind] ?? o.kind}${o.party ? `（${o.party}）` : ''}尚未完成（期限 ${toRoc(o.dueOn)}）`,
  );
  const path = (name: string, steps: unknown) => `${name}尚缺：${((steps ?? []) as string[]).map((s) => STEPS[s] ?? s).join('、')}`;
  const paths = details?.ownAgency ? [`${path('本機關處理', details.ownAgency)}；或${path('函請他機關參處', details.otherAgency)}`] : [];
  return `尚不能結案。${[...open, ...paths].join('。')}。`;
}

/** zh-TW words for the API's error codes the case screens meet; others keep the API's message. */
const MESSAGES: Record<string, (details: Details) => string> = {
  CLOSE_NEEDS_HANDLING: missingForClosing,
  NO_PENDING_REQUEST: () => '機關首長只核示已簽報之事項：目前沒有待核示的此項簽報。',
  HEAD_DECISION_NEEDS_DOCUMENT: () => '非機關首長本人登錄時，須填寫首長紙本簽核之文號及日期。',
  DECIDED_ON_IN_FUTURE: () => '簽核日期不得晚於今日。',
  CITIZEN_REPLY_REQUIRED: () => '請先回復民眾，或選擇未能回復民眾之原因。',
  WRITTEN_NOTICE_REQUIRED: () => '展延理由須以書面告知陳情人：請選擇書函、電子郵件或傳真。',
  EXTENSION_NOT_LATER: () => '展延後期限須晚於目前的回復期限。',
  EXTENSION_ALREADY_REQUESTED: () => '已有展延簽報待首長核示。',
  NO_CITIZEN_REPLY_PENDING: () => '已回復民眾，無期限可展延。',
  OBLIGATION_NOT_WITHDRAWABLE: () => '此項待辦不得撤回。',
  OBLIGATION_NOT_OPEN: () => '此項待辦已完成或已撤回。',
  NO_NOTICE_PENDING: () => '目前沒有須通知陳情人的事項。',
  REFERRAL_NEEDS_HEAD_APPROVAL: () => '函請他機關參處前，須先經機關首長核可。',
  SENT_ON_IN_FUTURE: () => '發文日期不得晚於今日。',
  PERIOD_NOT_ENDED: () => '統計期間尚未結束，期滿後始得報送。',
  INVALID_PHONE: () => '聯絡電話不是有效的臺灣電話號碼。',
  REQUIRED: () => '此欄必填。',
};

export function problemText(code: string, details: Details, fallback: string): string {
  return MESSAGES[code]?.(details) ?? fallback;
}
