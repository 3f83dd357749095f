/**
 * The words officers read, in Traditional Chinese as the programme's plan (the seed) and the service write them.
 * One copy for the API's documents and the web application alike; codes stay English everywhere else.
 */
export const NATURE_LABELS: Record<string, string> = { public_need: '民情需求事項', policy_feedback: '施政興革反映' };

/** The plan's own wording of each category (壹、一 and 二). */
export const CATEGORY_LABELS: Record<string, string> = {
  decision_transparency: '機關對民眾福祉之決策透明度及落實情形',
  public_facilities: '公共設施欠缺或設置管理不當，影響民眾權益之情',
  service_efficiency: '民眾申辦案件作業效率、服務品質滿意度',
  process_simplification: '各機關行政業務整合、流程簡化需求建議',
  policy_opinion: '民眾對機關各項施政作為之意見',
  regulation_impact: '機關法令規章或行政措施，影響民眾權益情形',
  policy_dispute: '機關政策涉及多數民眾權益爭議事項',
  unclassified: '未分類',
};

/** The plan's wording of anti-corruption promotion (壹、三). */
export const PROMOTION_KIND_LABELS: Record<string, string> = {
  event_publicity: '宣導廉政反貪活動（社會參與）訊息',
  leaflets: '發放張貼廉政宣導文宣',
  results_display: '展示廉政工作推動成果',
  transparency_disclosure: '公布透明化行政資訊',
};

export const THEME_LABELS: Record<string, string> = {
  local_public_works: '地方工程',
  river_dredging: '河川疏濬',
  disaster_relief: '搶災搶險',
  neighbourhood_funds: '里鄰經費',
  subsidy_or_feedback_funds: '補助款或回饋金運用',
  other: '其他',
};

/** Who carries the plan out (伍、任務編組), as the seed names them. */
export const TASK_FORCE_ROLE_LABELS: Record<string, string> = { ethics_officer: '政風同仁', village_officer: '村里幹事', volunteer: '廉政志（義）工', community_org: '社區公益組織' };

export const STATUS_LABELS: Record<string, string> = { received: '已受理', in_progress: '處理中', closed: '已結案' };

export const ROLE_LABELS: Record<string, string> = {
  admin: '系統管理員',
  aac_auditor: '廉政署稽核',
  supervisor: '政風主管',
  agency_head: '機關首長',
  ethics_officer: '政風同仁',
  volunteer: '廉政志工',
};

export const OBLIGATION_LABELS: Record<string, string> = {
  citizen_reply: '回復民眾',
  department_answer: '業務單位答復',
  head_decision: '機關首長核示',
  agency_reply: '他機關函復',
  referral_notice: '通知陳情人移送他機關',
  extension_notice: '書面通知陳情人展延理由',
  site_visit: '造訪平臺聯絡人',
};

/** Beside a due date counted into a year whose office calendar is not yet published. */
export const BEYOND_CALENDAR_NOTE = '今年度辦公日曆尚未公告，期限以週末推算';

export const OBLIGATION_STATE_LABELS: Record<string, string> = { open: '待辦', fulfilled: '已完成', cancelled: '結案註銷', withdrawn: '已撤回', extended: '已展延' };

/** The level of a unit's agency, by which the AAC reads its units. */
export const AGENCY_LEVEL_LABELS: Record<string, string> = { central: '中央機關', local: '地方機關' };

export const EVENT_LABELS: Record<string, string> = {
  ReflectionImported: '自工作紀錄匯入',
  ReflectionReceived: '受理反映',
  HandlingOpinionRecorded: '處理意見',
  RoutedToDepartment: '簽會業務單位',
  DepartmentResponded: '業務單位答復',
  ReportedToHead: '陳報機關首長',
  HeadApprovalRequested: '簽報首長核可',
  HeadDecisionRecorded: '首長核示',
  ReferredToAgency: '函請他機關參處',
  AgencyReplied: '他機關函復',
  CitizenReplied: '回復民眾',
  ReflectionClosed: '結案',
  ReflectionReopened: '恢復列管',
  ResultPublished: '公布成果',
  ReporterDataErased: '刪除反映者個資',
  FollowUpReminderIssued: '追蹤提醒',
  ObligationWithdrawn: '撤回',
  ExtensionRequested: '簽請展延',
  CitizenReplyDeadlineExtended: '核准展延',
  CitizenNotified: '通知陳情人',
  CitizenWithdrewPetition: '陳情人撤回',
  ReceiptIssued: '核發收執聯代碼',
  StatusLookedUp: '民眾線上查詢進度',
};

/** Every fact the log records, as the activity audit names it: the cases' and everything else's. */
export const ACTIVITY_LABELS: Record<string, string> = {
  ...EVENT_LABELS,
  SiteRegistered: '登錄平臺地點',
  SitePlaced: '平臺地點對應村里',
  HotspotReviewed: '熱點已研析',
  OutreachRecorded: '登錄訪視活動',
  PromotionRecorded: '登錄反貪倡廉宣導',
  BiweeklyReportDrafted: '擬具彙報表',
  BiweeklyReportTextEdited: '修改彙報表文字',
  BiweeklyReportApproved: '核定彙報表',
  BiweeklyReportSubmitted: '報送彙報表',
  BiweeklyReportAmended: '更正彙報表',
  PlanDrafted: '擬訂細部計畫',
  PlanRevised: '修正細部計畫',
  PlanApproved: '核定細部計畫',
  PlanSuperseded: '細部計畫由新計畫取代',
  VisitReminderIssued: '訪視提醒',
  UnitCreated: '新增政風機構',
  UnitDeadlinePolicySet: '設定期限規則',
  UnitActiveFromSet: '設定開始使用日期',
  UnitProfileSet: '設定機關所在縣市及主管機關',
  ReportDueRuleSet: '設定彙報表報送期限',
  UserCreated: '新增使用者',
  UserRolesChanged: '變更使用者角色',
  UserDeactivated: '停用使用者',
  UserReactivated: '恢復使用者',
  UserPasswordReset: '重設使用者密碼',
  UserPasswordChanged: '變更密碼',
  SecurityEventRecorded: '安全事件',
  NotificationRead: '閱讀通知',
  PersonalDataAccessed: '調閱反映者個資',
  AuditCheckpointRecorded: '稽核檢查點',
  AuditChainMigrated: '補建雜湊鏈',
  EventLogCreated: '建立事件紀錄',
};

/** What is put to the head, as the case screen and the timeline name it. */
export const HEAD_SUBJECT_LABELS: Record<string, string> = { report: '陳報', referral: '函請他機關參處', extension: '展延' };
export const HEAD_DECISION_LABELS: Record<string, string> = { approved: '核定', returned: '退回' };

export const CHANNEL_LABELS: Record<string, string> = { phone: '電話', letter: '書函', email: '電子郵件', fax: '傳真', in_person: '當面', sms: '簡訊', other: '其他' };

export const NOTICE_KIND_LABELS: Record<string, string> = { referral: '移送他機關', extension: '展延理由' };

export const VENUE_LABELS: Record<string, string> = {
  integrity_meeting: '廉政會報',
  management_meeting: '主管會報',
  community_association_meeting: '社區發展協會',
  village_assembly: '村里民大會',
  news_media: '新聞媒體',
};

/** Attachment 2's three rows (附件2 實施方式). */
export const REPORT_ROW_LABELS: Record<string, string> = { public_need: '民情需求事項', policy_feedback: '施政興革反映', promotion: '反貪倡廉宣導' };

export const REPORT_STATUS_LABELS: Record<string, string> = { not_drafted: '未擬稿', drafted: '擬稿中', approved: '已核定', submitted: '已報送' };

/** Reminder stages: before the due date, on it, chasing after it (逾期催辦), and the visits a new plan found due. */
export const reminderStageLabel = (stage: string): string =>
  stage === 'before_due' ? '即將到期' : stage === 'due' ? '今日到期' : stage === 'overdue_at_approval' ? '計畫核定前已屆期' : `逾期催辦（第${stage.slice('escalation_'.length)}次）`;
