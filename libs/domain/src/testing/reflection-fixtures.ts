import { TAIWAN_OFFICE_CALENDAR } from '../calendar/taiwan-office-calendar';
import { DEFAULT_DEADLINE_POLICY } from '../reflection/deadline-policy';
import type { ReflectionCommand } from '../reflection/reflection-command';
import type { HeadDecisionRecorded, ReflectionEvent, ReflectionReceived } from '../reflection/reflection-event';

/** The facts the reflection's decider specs start from: a Friday morning in Taipei, the shipped calendar. */
export const now = new Date('2026-11-27T02:00:00Z'); // a Friday, 10:00 in Taipei
export const deadlines = { policy: DEFAULT_DEADLINE_POLICY, calendar: TAIWAN_OFFICE_CALENDAR };
export const timed = { now, deadlines };
/** The agency head deciding in person. */
export const byHead = { byHead: true, ...timed };

export const receive = (overrides: Partial<Extract<ReflectionCommand, { type: 'ReceiveReflection' }>> = {}): ReflectionCommand => ({
  type: 'ReceiveReflection',
  reflectionId: 'r1',
  unitId: 'u1',
  nature: 'public_need',
  category: 'public_facilities',
  summary: '河川疏濬延宕，雨季恐淹水',
  receivedOn: '2026-11-26',
  reporter: { name: '王小明', phone: '0912-345-678', address: '臺中市北區中華路1號' },
  ...timed,
  ...overrides,
});

export const received = (data: Partial<ReflectionReceived['data']> = {}): ReflectionReceived => ({
  type: 'ReflectionReceived',
  data: {
    reflectionId: 'r1',
    unitId: 'u1',
    nature: 'public_need',
    category: 'public_facilities',
    summary: '河川疏濬延宕，雨季恐淹水',
    receivedOn: '2026-11-26',
    reporter: { name: '王小明', phone: '0912-345-678', address: '臺中市北區中華路1號' },
    siteId: null,
    outreachId: null,
    theme: null,
    place: null,
    citizenReplyDueOn: '2026-12-28', // 11/26 + 30 days is Saturday 12/26: the next working day
    ...data,
  },
});
export const anonymous = received({ reporter: null });
export const routed = (department: string): ReflectionEvent => ({ type: 'RoutedToDepartment', data: { department, dueOn: '2026-12-08' } });
export const responded = (department: string): ReflectionEvent => ({ type: 'DepartmentResponded', data: { department, response: '已派員處理' } });
export const reported: ReflectionEvent = { type: 'ReportedToHead', data: { note: null, requestedOn: '2026-11-26', dueOn: '2026-12-04' } };
export const decided = (data: Partial<HeadDecisionRecorded['data']> & Pick<HeadDecisionRecorded['data'], 'subject'>): ReflectionEvent => ({
  type: 'HeadDecisionRecorded',
  data: { decision: 'approved', agency: null, instructions: null, onBehalf: null, ...data },
});
export const reportApproved = decided({ subject: 'report' });
export const approvalRequested = (agency: string): ReflectionEvent => ({
  type: 'HeadApprovalRequested',
  data: { subject: 'referral', agency, note: null, requestedOn: '2026-11-26', dueOn: '2026-12-04' },
});
export const approved = (agency: string): ReflectionEvent => decided({ subject: 'referral', agency });
export const referred = (agency: string, noticeDueOn: string | null = '2026-12-03'): ReflectionEvent => ({
  type: 'ReferredToAgency',
  data: { agency, letterNo: '府政字第1150001號', sentOn: '2026-11-26', dueOn: '2026-12-28', noticeDueOn },
});
export const agencyReplied = (agency: string): ReflectionEvent => ({ type: 'AgencyReplied', data: { agency, reply: '已排入疏濬', letterNo: null } });
export const citizenReplied: ReflectionEvent = { type: 'CitizenReplied', data: { channel: 'phone', content: '已電話回復' } };
export const closed: ReflectionEvent = { type: 'ReflectionClosed', data: { outcome: '已改善', noReplyReason: null } };

/** The own agency's path walked (玖.一): routed, answered, reported to the head, who approved. */
export const ownAgencyHandled: ReflectionEvent[] = [routed('工務課'), responded('工務課'), reported, reportApproved];
/** The other agency's path walked (玖.二): approved, referred, replied; the citizen told of the referral. */
export const referralHandled = (agency = '經濟部水利署'): ReflectionEvent[] => [
  approvalRequested(agency),
  approved(agency),
  referred(agency, null),
  agencyReplied(agency),
];

/** A row of a unit's past work records, closed on 115/3/20 with what was done. */
export const importRow = (overrides: Partial<Extract<ReflectionCommand, { type: 'ImportReflection' }>> = {}): ReflectionCommand => ({
  type: 'ImportReflection',
  reflectionId: 'r1',
  unitId: 'u1',
  nature: 'public_need',
  category: null,
  summary: '社區路燈損壞，夜間行走危險',
  receivedOn: '2026-03-04',
  importBefore: '2026-11-16',
  reporter: { name: '林美華', phone: '04-2222-3333' },
  place: null,
  villageAsWritten: '東湖里',
  location: '東湖里活動中心',
  handlingOpinion: '函請工務課查修',
  recordedBy: '陳政風',
  handling: '工務課已於3月10日修復',
  closedOn: '2026-03-20',
  source: { fileHash: 'f'.repeat(64), sheet: '工作紀錄表', row: 2 },
  ...timed,
  ...overrides,
});
