import { rocDateText } from '../calendar/taipei-date';
import { HEAD_SUBJECT_LABELS, OBLIGATION_LABELS, REPORT_ROW_LABELS, ROLE_LABELS } from './labels.zh-tw';

/**
 * Every error code the API answers with, in Traditional Chinese: the API sends these when the request asks for
 * zh-TW (the web application always does), and the codes stay as they are. Fields are named by their form
 * labels, dates as ROC dates. A test walks every code the code base throws and fails on any missing here.
 */

/** The form labels of the API's fields, by the field's own name (a path's last part, indexes dropped). */
export const FIELD_LABELS: Record<string, string> = {
  actorId: '調閱人員',
  activeFrom: '開始使用日期',
  'X-Import-Progress': '匯入進度識別碼',
  address: '聯絡地址',
  asOf: '查詢時點',
  body: '送出的資料',
  agency: '機關',
  agencyName: '主管機關',
  agencyReplyDays: '他機關函復日數',
  category: '類別',
  channel: '方式',
  citizenNoticeWorkingDays: '通知陳情人工作日數',
  citizenReplyDays: '回復民眾日數',
  closedOn: '結案日期',
  code: '代碼',
  contact: '平臺聯絡人',
  content: '內容',
  county: '縣市',
  cursor: '分頁',
  file: '檔案',
  format: '格式',
  from: '起始時點',
  decidedOn: '首長簽核日期',
  decision: '核示結果',
  department: '業務單位',
  departmentAnswerWorkingDays: '業務單位答復工作日數',
  departments: '業務單位',
  description: '說明',
  displayName: '姓名',
  documentNo: '首長簽核文號',
  dueOn: '期限',
  email: '電子郵件',
  escalationAfterWorkingDays: '逾期催辦工作日數',
  escalationRepeatDays: '逾期催辦間隔日數',
  handling: '辦理情形',
  handlingOpinion: '處理意見',
  headDecisionWorkingDays: '首長核示工作日數',
  hash: '內容雜湊',
  heldOn: '辦理日期',
  instructions: '首長指示',
  kind: '類別',
  letterNo: '文號',
  limit: '每頁筆數',
  location: '地點',
  method: '實施方式',
  minPosition: '讀取位置',
  name: '姓名',
  nature: '性質',
  newDueOn: '展延後期限',
  noReplyReason: '未能回復民眾之原因',
  note: '說明',
  notes: '備註',
  obligationId: '待辦事項',
  occupation: '職業',
  opinion: '處理意見',
  opinions: '處理意見',
  outcome: '辦理結果',
  outreachId: '具體作為',
  overdue: '僅逾期',
  participants: '參與人數',
  password: '密碼',
  periodStart: '統計期間',
  phone: '聯絡電話',
  publicSummary: '公布內容',
  q: '關鍵字',
  quantity: '數量',
  reason: '理由',
  receipt: '稽核存證雜湊根',
  reflectionId: '案件',
  receivedFrom: '受理日期起',
  receivedOn: '受理日期',
  recordedBy: '紀錄人',
  receivedTo: '受理日期迄',
  reminderWorkingDaysBefore: '到期前提醒工作日數',
  reply: '函復內容',
  reporter: '反映者',
  response: '答復內容',
  role: '角色',
  to: '截止時點',
  roles: '角色',
  rows: '彙報表列',
  sentOn: '發文日期',
  siteId: '平臺地點',
  statement: '陳情人撤回之陳述',
  sites: '平臺地點',
  sort: '排序',
  stage: '提醒階段',
  state: '範圍',
  status: '狀態',
  currentPassword: '目前密碼',
  newPassword: '新密碼',
  subject: '核示事項',
  summary: '需求/反映等內容概述',
  taskForce: '任務編組',
  theme: '主題',
  themes: '互動主題',
  title: '名稱',
  township: '鄉鎮市區',
  type: '類型',
  unitId: '政風機構',
  userId: '使用者',
  username: '帳號',
  validFrom: '實施期間起',
  validTo: '實施期間迄',
  venue: '公布場合',
  village: '村里',
  visitEveryDays: '造訪頻率',
  withdrawnOn: '撤回日期',
  workingDays: '工作日數',
  'Idempotency-Key': '重送識別碼',
  'If-Match': '版本',
};

const labelOf = (name: string): string | undefined => (Object.hasOwn(FIELD_LABELS, name) ? FIELD_LABELS[name] : undefined);

/**
 * 聯絡電話 for `reporter.phone`, 造訪頻率 for `sites[0].visitEveryDays`; 此欄位 for a name no form has (the field
 * itself stays in the answer's details, where a program reads it). Only the labels' own names count: `__proto__`
 * or `constructor` is no label.
 */
export function fieldLabel(field: string): string {
  const name = field.split('.').pop()?.replace(/\[\d+\]$/, '') ?? field;
  return labelOf(name) ?? labelOf(field) ?? '此欄位';
}

export interface ProblemFacts {
  field?: string;
  /** Values the message names (dates as YYYY-MM-DD), and the details a conflict answers with. */
  params?: Record<string, unknown>;
}

type Message = (label: string, params: Record<string, unknown>) => string;

const roc = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `民國${rocDateText(value)}` : String(value ?? ''));
const named = (value: unknown) => (value ? `「${value}」` : '');

/** What is still missing before a reflection may close (the details of CLOSE_NEEDS_HANDLING). */
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

function missingForClosing(params: Record<string, unknown>): string {
  const open = ((params.openObligations ?? []) as { kind: string; party: string | null; dueOn: string }[]).map(
    (o) => `${OBLIGATION_LABELS[o.kind] ?? o.kind}${o.party ? `（${o.party}）` : ''}尚未完成（期限${roc(o.dueOn)}）`,
  );
  const steps = (list: unknown) => ((list ?? []) as string[]).map((s) => STEPS[s] ?? s).join('、');
  const paths = params.ownAgency ? [`本機關處理尚缺：${steps(params.ownAgency)}；或函請他機關參處尚缺：${steps(params.otherAgency)}`] : [];
  return `尚不能結案。${[...open, ...paths].join('。')}。`;
}

/** A vocabulary's label for a value the details carry; nothing for anything else. */
const labelIn = (labels: Record<string, string>, value: unknown): string | undefined => (typeof value === 'string' && Object.hasOwn(labels, value) ? labels[value] : undefined);

/** What moved since the draft (the details of REPORT_STALE): 民情需求事項由2案變為3案. */
function reportStale(params: Record<string, unknown>): string {
  const given = Array.isArray(params.changes) ? (params.changes as { kind?: unknown; before?: unknown; after?: unknown }[]) : [];
  const changes = given
    .filter((c) => labelIn(REPORT_ROW_LABELS, c?.kind) && typeof c.before === 'number' && typeof c.after === 'number')
    .map((c) => `${labelIn(REPORT_ROW_LABELS, c.kind)}由${c.before}案變為${c.after}案`);
  const what = changes.length ? `統計期間的資料在擬稿後已有異動（${changes.join('、')}）` : '彙報表在您檢視後已有修改';
  return `${what}，請重新擬稿（或重新檢視）後再核定。`;
}

export const ERROR_MESSAGES_ZH_TW: Record<string, Message> = {
  // Input (400)
  VALIDATION_FAILED: () => '輸入的資料有誤，請依各欄位說明更正。',
  REQUIRED: (label) => `${label}為必填。`,
  TOO_LONG: (label, p) => `${label}不得超過${typeof p.max === 'number' ? p.max : '規定的'}字。`,
  NOT_ALLOWED: (label) => `${label}不是可選擇的值。`,
  NOT_A_COUNT: (label) => `${label}須為0以上的整數。`,
  INVALID_DATE: (label) => `${label}不是有效的日期。`,
  INVALID_PHONE: (label) => `${label}不是有效的臺灣電話號碼。`,
  RECEIVED_ON_IN_FUTURE: (label, p) => `${label}不得晚於今日（${roc(p.today)}）。`,
  SENT_ON_IN_FUTURE: (label, p) => `${label}不得晚於今日（${roc(p.today)}）。`,
  HELD_ON_IN_FUTURE: (label, p) => `${label}不得晚於今日（${roc(p.today)}）。`,
  DECIDED_ON_IN_FUTURE: (label, p) => `${label}不得晚於今日（${roc(p.today)}）。`,
  DECIDED_BEFORE_REQUEST: (label, p) => `${label}（${roc(p.date)}）早於所核示之簽報（${roc(p.requestedOn)}）：首長所簽的是另一份文件，請確認文號及日期。`,
  CLOSED_ON_IN_FUTURE: (label, p) => `${label}不得晚於今日（${roc(p.today)}）。`,
  CLOSED_BEFORE_RECEIVED: (label, p) => `${label}（${roc(p.date)}）不得早於受理日期（${roc(p.receivedOn)}）。`,
  DATE_BEFORE_PROGRAMME: (label, p) => `${label}（${roc(p.date)}）早於廉政署成立（${roc(p.earliest)}），請確認年份。`,
  IMPORT_NOT_BEFORE_START: (label, p) => `${label}（${roc(p.date)}）在本單位開始使用本系統的統計期間（${roc(p.importBefore)}起）之內：請直接登錄此案，已報送的彙報表才不會變動。`,
  IMPORT_FILE_UNREADABLE: () => '無法讀取此檔案：請上傳 ODS、XLSX 或 UTF-8 編碼的 CSV 試算表。',
  IMPORT_COLUMNS_MISSING: (_label, p) => `檔案中找不到含有${Array.isArray(p.columns) ? p.columns.map((c) => `「${String(c)}」`).join('、') : '必填欄位'}欄位的標題列：請使用匯入範本的欄位名稱。`,
  IMPORT_HAS_REFUSED_ROWS: () => '檔案中有未通過檢查的列，全部未匯入：請依各列說明更正後重新上傳，或選擇只匯入通過檢查的列。',
  DUPLICATE_RECORD_ROW: (_label, p) => `與${typeof p.row === 'number' ? `第${p.row}列` : '前面的列'}為同一案件，不重複匯入。`,
  IMPORT_FILE_TOO_LARGE: () => '此檔案解壓縮後過大（超過 200 MB），不予讀取：請分成數個檔案匯入。',
  IMPORT_TOO_MANY_ROWS: (_label, p) => `一個檔案最多${typeof p.max === 'number' ? p.max.toLocaleString('en') : '100,000'}列，請分成數個檔案匯入。`,
  IMPORT_NOT_RUNNING: () => '此匯入未在進行中（或已結束超過一分鐘）。',
  WITHDRAWN_ON_IN_FUTURE: (label, p) => `${label}不得晚於今日（${roc(p.today)}）。`,
  WITHDRAWN_BEFORE_RECEIVED: (label, p) => `${label}不得早於受理日期（${roc(p.receivedOn)}）。`,
  ACTIVE_FROM_IN_FUTURE: (label, p) => `${label}不得晚於今日（${roc(p.today)}）。`,
  COUNT_IN_TEXT: (label) => `${label}不須自行填寫「計○案」：案數由系統依統計結果列印。`,
  DUE_ON_IN_PAST: (label, p) => `${label}不得早於${roc(p.notBefore)}。`,
  CATEGORY_NOT_IN_NATURE: () => '所選類別不屬於所選性質。',
  SUMMARY_LENGTH: (_label, p) => `需求/反映等內容概述須為1至${typeof p.max === 'number' ? p.max : 4000}字。`,
  DUPLICATE_DEPARTMENT: () => '業務單位不得重複。',
  AGENCY_REQUIRED: () => '核示函請他機關參處時，須載明機關。',
  NO_REPLY_REASON_NOT_APPLICABLE: () => '已回復民眾或陳情人已撤回，不須填寫未能回復之原因。',
  PUBLIC_SUMMARY_CONTAINS_PERSONAL_DATA: () => '公布內容含有反映者個人資料，請刪除後再公布。',
  EXTENSION_NOT_LATER: (_label, p) => `展延後期限須晚於目前的回復期限（${roc(p.currentDueOn)}）。`,
  WRITTEN_NOTICE_REQUIRED: () => '展延理由須以書面告知陳情人：請選擇書函、電子郵件或傳真。',
  DUPLICATE_ROW: () => '彙報表每一列只能出現一次。',
  NOT_A_PERIOD_START: () => '此日期不是統計期間的起日。',
  VALID_TO_BEFORE_VALID_FROM: () => '實施期間迄不得早於實施期間起。',
  PLAN_TOO_LONG: (_label, p) => `細部實施計畫的實施期間最長${typeof p.years === 'number' ? p.years : 4}年。`,
  INVALID_VISIT_INTERVAL: () => '造訪頻率須為1至366日的整數。',
  DUPLICATE_SITE: () => '平臺地點不得重複。',
  SITE_NOT_FOUND: () => '本機關沒有這個平臺地點。',
  OUTREACH_NOT_FOUND: () => '本機關沒有這筆具體作為。',
  INVALID_CURSOR: () => '分頁資訊無效，請重新查詢。',
  INVALID_ID: () => '網址中的識別碼格式不正確。',
  INVALID_JSON: () => '送出的資料不是有效的JSON格式。',
  INPUT_TOO_DEEP: () => '送出的資料層次過深。',
  FORBIDDEN_KEY: () => '送出的資料含有系統不接受的欄位名稱，請刪除後再送出。',
  INVALID_CHARACTERS: (label) => `${label}含有控制字元、雙向控制字元或不完整的字元，請刪除後再送出。`,
  UNSUPPORTED_MEDIA_TYPE: () => '請以UTF-8編碼的JSON格式送出。',
  UNIT_REQUIRED: () => '請指定政風機構。',
  ROLE_NOT_IN_UNIT_KIND: () => '廉政署稽核帳號應屬廉政署，其他角色應屬政風機構。',
  INVALID_IDEMPOTENCY_KEY: () => '重送識別碼不得超過200字。',
  INVALID_IF_MATCH: () => '版本須為讀取時的版本號碼。',
  INVALID_MIN_POSITION: () => '讀取位置須為指令回傳的位置數字。',
  BAD_REQUEST: () => '請求格式有誤。',
  NOT_A_HOTSPOT: () => '熱點至少須有兩件反映。',
  // Identity (401, 403)
  UNAUTHENTICATED: () => '請先登入。',
  INVALID_TOKEN: () => '登入已逾時或無效，請重新登入。',
  INVALID_CREDENTIALS: () => '帳號或密碼錯誤。',
  TOO_MANY_LOOKUPS: (_label, p) => `查詢錯誤次數過多，請${p.retryAfterSeconds ? `於${Math.ceil(Number(p.retryAfterSeconds) / 60)}分鐘後` : '稍後'}再試；如需協助，請洽受理之政風單位。`,
  TOO_MANY_ATTEMPTS: (_label, p) => `登入失敗次數過多，請${p.retryAfterSeconds ? `於${Math.ceil(Number(p.retryAfterSeconds) / 60)}分鐘後` : '稍後'}再試。`,
  UNAUTHORIZED: () => '請先登入。',
  FORBIDDEN: () => '您的角色不能執行此項作業。',
  OTHER_UNIT: () => '政風主管只能新增本機關的使用者。',
  ROLE_NOT_GRANTABLE: (_label, p) => `只有系統管理員能授予、移除或管理${named(labelIn(ROLE_LABELS, p.role))}角色；政風主管只管理本機關的政風同仁及廉政志工。`,
  PASSWORD_CHANGE_REQUIRED: () => '請先變更系統產生的初始密碼。',
  HEAD_DECISION_NEEDS_DOCUMENT: () => '只有機關首長核示；代為登錄首長紙本核示時，須填寫首長簽核文號及日期。',
  // Not found (404)
  NOT_FOUND: () => '找不到所要的資料或頁面。',
  REFLECTION_NOT_FOUND: () => '找不到此案件。',
  UNKNOWN_VILLAGE: (_label, p) => {
    const nearest = Array.isArray(p.nearest) && p.nearest.length > 0 ? `；相近的村里：${p.nearest.join('、')}` : '';
    return typeof p.given === 'string' && !/^\d+$/.test(p.given) ? `內政部村里資料中沒有「${p.given}」${nearest}。請從清單選擇村里。` : `內政部村里資料中沒有這個村里代碼${nearest}。`;
  },
  UNKNOWN_COUNTY: () => '內政部村里資料中沒有這個縣市。',
  STATUS_NOT_FOUND: () => '查無符合的案件：請確認收執聯代碼及電話號碼末4碼（或查詢密碼）是否正確。',
  RECEIPT_NOT_FOUND: () => '收執聯代碼不符或已失效，請重新核發代碼後再列印。',
  PLAN_NOT_FOUND: () => '找不到此計畫。',
  HOTSPOT_NOT_FOUND: () => '找不到此熱點（可能已併入另一熱點，請重新整理清單）。',
  UNIT_NOT_FOUND: () => '找不到此政風機構。',
  USER_NOT_FOUND: () => '找不到此使用者。',
  USER_ACTIVE: () => '此使用者仍在使用中，不需恢復。',
  NOTIFICATION_NOT_FOUND: () => '找不到此通知。',
  REPORT_NOT_DRAFTED: () => '彙報表尚未擬稿。',
  CALENDAR_YEAR_NOT_COVERED: (_label, p) => `辦公日曆尚未涵蓋${p.year ? `${Number(p.year) - 1911}年` : '該年度'}，請匯入該年度政府行政機關辦公日曆表。`,
  // The case's life (409)
  REFLECTION_ALREADY_EXISTS: () => '此案件已受理。',
  REFLECTION_CLOSED: () => '案件已結案，只能恢復列管或公布成果。',
  ALREADY_ROUTED: (_label, p) => `${named(p.department)}尚未答復前一次簽會。`,
  DEPARTMENT_NOT_ROUTED: (_label, p) => `本案未簽會${named(p.department)}或該單位已答復。`,
  ALREADY_REPORTED_TO_HEAD: () => '前一次陳報尚待機關首長核示。',
  HEAD_APPROVAL_ALREADY_REQUESTED: (_label, p) => `函請${named(p.agency)}參處已簽報，尚待首長核示。`,
  REFERRAL_ALREADY_APPROVED: (_label, p) => `函請${named(p.agency)}參處已奉核可。`,
  NO_PENDING_REQUEST: (_label, p) => `機關首長只核示已簽報之事項：目前沒有待核示的${HEAD_SUBJECT_LABELS[String(p.subject)] ?? ''}${p.agency ? `（${p.agency}）` : ''}簽報。`,
  REFERRAL_NEEDS_HEAD_APPROVAL: (_label, p) => `函請${named(p.agency)}參處前，須先經機關首長核可。`,
  AGENCY_NOT_REFERRED: (_label, p) => `本案未函請${named(p.agency)}參處或該機關已函復。`,
  CLOSE_NEEDS_HANDLING: (_label, p) => missingForClosing(p),
  CITIZEN_REPLY_REQUIRED: () => '請先回復民眾，或選擇未能回復民眾之原因。',
  REPORTER_NOT_ANONYMOUS: () => '反映者已留姓名，不是匿名案件。',
  REPORTER_HAS_CONTACT: () => '反映者留有電話或地址，請回復民眾。',
  REFLECTION_NOT_CLOSED: () => '案件尚未結案。',
  REPORTER_ALREADY_ERASED: () => '反映者個人資料已刪除。',
  REPORTER_ERASED: () => '反映者個人資料已刪除，本案不再核發收執聯代碼。',
  RECEIPT_NEEDS_PHONE: () => '以電話末4碼查詢的收執聯，須有反映者的聯絡電話。',
  NO_REPORTER_DATA: () => '本案沒有反映者個人資料。',
  OBLIGATION_NOT_OPEN: () => '此項待辦已完成或已撤回。',
  OBLIGATION_NOT_WITHDRAWABLE: () => '此項待辦不得撤回。',
  NO_CITIZEN_REPLY_PENDING: () => '已回復民眾，無期限可展延。',
  EXTENSION_ALREADY_REQUESTED: () => '已有展延簽報待首長核示。',
  NO_NOTICE_PENDING: () => '目前沒有須通知陳情人的事項。',
  REMINDER_ALREADY_ISSUED: () => '此階段的提醒已發出。',
  LATER_REMINDER_ALREADY_ISSUED: () => '較後階段的提醒已發出。',
  SITE_ALREADY_REGISTERED: () => '此平臺地點已登錄。',
  HOTSPOT_ALREADY_REVIEWED: () => '此熱點已標記為已研析，之後尚無新的反映併入。',
  OUTREACH_ALREADY_RECORDED: () => '此具體作為已登錄。',
  PROMOTION_ALREADY_RECORDED: () => '此宣導活動已登錄。',
  REPORT_APPROVED: () => '彙報表已核定：請報送，之後的資料將列為更正。',
  REPORT_LOCKED: () => '彙報表已核定或已報送，文字不能再修改。',
  REPORT_ALREADY_APPROVED: () => '彙報表已核定。',
  REPORT_NOT_APPROVED: () => '彙報表須經機關首長核定後始得報送廉政署。',
  REPORT_ALREADY_SUBMITTED: () => '彙報表已報送。',
  PERIOD_NOT_ENDED: (_label, p) => `統計期間至${roc(p.end)}止，期滿後始得擬稿、核定及報送。`,
  REPORT_STALE: (_label, p) => reportStale(p),
  PETITION_WITHDRAWN: () => '陳情人已撤回陳情：請逕行結案，或恢復列管後再行辦理。',
  PLAN_ALREADY_EXISTS: () => '此計畫已擬訂。',
  PLAN_NOT_DRAFT: () => '只有草案可以修正或核定；請另擬新計畫。',
  PLAN_NOT_IN_FORCE: () => '只有實施中的計畫會被取代。',
  VISIT_NOT_PLANNED: () => '實施中的計畫未列此平臺地點。',
  UNIT_CODE_TAKEN: (_label, p) => `代碼${named(p.code)}已有政風機構使用。`,
  PASSWORD_CONTAINS_USERNAME: (label) => `${label}不得包含帳號。`,
  PASSWORD_TOO_GUESSABLE: (label, p) => `${label}太容易被猜中（含有${p.reasons ?? '過於規則的組合'}），請改用較長且不規則的密碼，例如一句只有您知道的話。`,
  SELF_CHANGE_FORBIDDEN: () => '不能變更自己的角色或停用自己的帳號，請洽系統管理員。',
  ROLES_INCOMPATIBLE: () => '機關首長核定政風同仁及政風主管所簽報之事項，同一人不能同時擔任首長與政風同仁或政風主管。',
  USERNAME_TAKEN: (_label, p) => `帳號${named(p.username)}已有人使用。`,
  CONCURRENCY_CONFLICT: () => '案件已被他人更新，請重新整理後再辦理。',
  IDEMPOTENCY_KEY_IN_PROGRESS: () => '相同的請求仍在處理中，請稍候。',
  IDEMPOTENCY_KEY_REUSED: () => '此重送識別碼已用於其他請求。',
  // Transport and service (413, 5xx)
  PAYLOAD_TOO_LARGE: () => '送出的資料過大。',
  REQUEST_HEADER_FIELDS_TOO_LARGE: () => '請求標頭過大。',
  METHOD_NOT_ALLOWED: () => '不支援此操作。',
  STORE_DAMAGED: (_label, p) =>
    typeof p.revision === 'number'
      ? `本案的歷程紀錄經檢查發現遭竄改或損壞（第${p.revision + 1}筆紀錄），暫停受理新增與修改（其他資料仍可查詢）；請系統管理員自備份還原後重新啟動。`
      : '資料儲存檔案經檢查發現損壞，暫停受理新增與修改（仍可查詢）；請系統管理員依維運手冊處理後重新啟動。',
  STORAGE_FULL: () => '存放資料的磁碟空間已滿，本次資料未登錄；請系統管理員釋出空間，空間足夠後即自動恢復受理。',
  INVALID_AS_OF: (label) => `${label}不是存在的日期或時間。`,
  APPEND_OUTCOME_UNKNOWN: () => '尚無法確認這次辦理是否已登錄；請重新整理查看，未登錄再送出一次（重送不會重複登錄）。',
  EVENT_LOG_BUSY: () => '資料庫忙碌中，本次尚未登錄；請稍候再送出一次。',
  READ_MODEL_BEHIND: () => '資料尚在更新中，請稍後再試。',
  SERVICE_UNAVAILABLE: () => '服務暫時無法使用，請稍後再試。',
  INTERNAL_ERROR: () => '系統發生錯誤，您送出的資料沒有遺失，請稍後再試。',
  INTERNAL_SERVER_ERROR: () => '系統發生錯誤，請稍後再試。',
  HTTP_ERROR: () => '請求無法完成。',
};

/** The zh-TW message of an error code, or null when the catalogue lacks it. */
export function zhTwMessage(code: string, facts: ProblemFacts = {}): string | null {
  const message = ERROR_MESSAGES_ZH_TW[code];
  return message ? message(facts.field ? fieldLabel(facts.field) : '', facts.params ?? {}) : null;
}

/** class-validator's constraints in zh-TW, the field named by its label; limits taken from the English message. */
export function zhTwConstraint(constraint: string, field: string, english: string): string {
  const label = fieldLabel(field);
  const limit = /\d+/.exec(english)?.[0];
  switch (constraint) {
    case 'whitelistValidation':
      return '送出的資料含有本表單沒有的欄位，請刪除後再送出。';
    case 'isString':
      return `${label}須為文字。`;
    case 'isInt':
      return `${label}須為整數。`;
    case 'isNumber':
      return `${label}須為數字。`;
    case 'isBoolean':
      return `${label}須為是或否。`;
    case 'isArray':
      return `${label}須為清單。`;
    case 'isUUID':
      return `${label}的識別碼格式不正確。`;
    case 'isEmail':
      return `${label}不是有效的電子郵件地址。`;
    case 'isIn':
    case 'isEnum':
      return `${label}不是可選擇的值。`;
    case 'isCalendarDate':
      return `${label}須為日期（年-月-日）。`;
    case 'isWithinProgramme':
      return `${label}須介於民國100年7月20日（廉政署成立）至民國188年12月31日之間。`;
    case 'matches':
      return `${label}格式不正確。`;
    case 'maxLength':
      return `${label}不得超過${limit}字。`;
    case 'minLength':
      return `${label}至少須${limit}字。`;
    case 'min':
      return `${label}不得小於${limit}。`;
    case 'max':
      return `${label}不得大於${limit}。`;
    case 'arrayMaxSize':
      return `${label}最多${limit}項。`;
    case 'arrayMinSize':
      return `${label}至少${limit}項。`;
    case 'isNotEmpty':
    case 'isDefined':
      return `${label}為必填。`;
    default:
      return `${label}的值不正確。`;
  }
}
