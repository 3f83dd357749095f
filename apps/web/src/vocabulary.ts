/** The words the officers read: DOMAIN.md's vocabulary in Traditional Chinese. */
export const NATURES: Record<string, string> = { public_need: '民情需求事項', policy_feedback: '施政興革反映' };

export const CATEGORIES: Record<string, { nature: string; label: string }> = {
  decision_transparency: { nature: 'public_need', label: '機關決策透明度及落實情形' },
  public_facilities: { nature: 'public_need', label: '公共設施欠缺或設置管理不當' },
  service_efficiency: { nature: 'public_need', label: '申辦案件效率及服務品質' },
  process_simplification: { nature: 'public_need', label: '行政業務整合及流程簡化' },
  policy_opinion: { nature: 'policy_feedback', label: '對機關施政作為之意見' },
  regulation_impact: { nature: 'policy_feedback', label: '法令規章影響民眾權益' },
  policy_dispute: { nature: 'policy_feedback', label: '政策涉及多數民眾權益爭議' },
};

export const THEMES: Record<string, string> = {
  local_public_works: '地方工程',
  river_dredging: '河川疏濬',
  disaster_relief: '搶災搶險',
  neighbourhood_funds: '里鄰經費',
  subsidy_or_feedback_funds: '補助款或回饋金運用',
  other: '其他',
};

export const STATUSES: Record<string, string> = { received: '已受理', in_progress: '處理中', closed: '已結案' };

export const ROLES: Record<string, string> = {
  admin: '系統管理者',
  aac_auditor: '廉政署稽核',
  supervisor: '政風主管',
  agency_head: '機關首長',
  ethics_officer: '政風同仁',
  volunteer: '廉政志工',
};

export const OBLIGATIONS: Record<string, string> = {
  citizen_reply: '回復民眾',
  department_answer: '業務單位答復',
  head_decision: '機關首長核示',
  agency_reply: '他機關函復',
};

export const EVENTS: Record<string, string> = {
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
  ReflectionReopened: '重新開案',
  ResultPublished: '公布成果',
  ReporterDataErased: '刪除反映者個資',
  FollowUpReminderIssued: '追蹤提醒',
};

export const CHANNELS: Record<string, string> = { phone: '電話', letter: '書函', email: '電子郵件', in_person: '當面', sms: '簡訊', other: '其他' };

export const VENUES: Record<string, string> = {
  integrity_meeting: '廉政會報',
  management_meeting: '主管會報',
  community_association_meeting: '社區發展協會',
  village_assembly: '村里民大會',
  news_media: '新聞媒體',
};
