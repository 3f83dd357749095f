import { calendarCovers, type OfficeCalendar } from '../calendar/taiwan-office-calendar';
import { addCalendarDays, addWorkingDays } from '../calendar/working-days';

/** How long each party has to answer (追蹤管制): defaults per unit, overridden by an explicit dueOn. */
export interface DeadlinePolicy {
  departmentAnswerWorkingDays: number;
  headDecisionWorkingDays: number;
  agencyReplyDays: number;
  citizenReplyDays: number;
  /** Working days to notify the citizen in writing of a referral or an extension. */
  citizenNoticeWorkingDays: number;
  /** The first reminder goes out this many working days before the due date. */
  reminderWorkingDaysBefore: number;
  /** The first escalation to the supervisors, this many working days after the due date. */
  escalationAfterWorkingDays: number;
  /** Escalations repeat this many days apart while the obligation stays open. */
  escalationRepeatDays: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  departmentAnswerWorkingDays: 7,
  headDecisionWorkingDays: 5,
  agencyReplyDays: 30,
  citizenReplyDays: 30,
  citizenNoticeWorkingDays: 5,
  reminderWorkingDaysBefore: 2,
  escalationAfterWorkingDays: 3,
  escalationRepeatDays: 7,
};

/** The policy and the office calendar the due dates are counted in. */
export interface Deadlines {
  policy: DeadlinePolicy;
  calendar: OfficeCalendar;
}

export const departmentAnswerDue = (from: string, { policy, calendar }: Deadlines) => addWorkingDays(from, policy.departmentAnswerWorkingDays, calendar);
export const headDecisionDue = (from: string, { policy, calendar }: Deadlines) => addWorkingDays(from, policy.headDecisionWorkingDays, calendar);
export const agencyReplyDue = (from: string, { policy, calendar }: Deadlines) => addCalendarDays(from, policy.agencyReplyDays, calendar);
export const citizenReplyDue = (from: string, { policy, calendar }: Deadlines) => addCalendarDays(from, policy.citizenReplyDays, calendar);
export const citizenNoticeDue = (from: string, { policy, calendar }: Deadlines) => addWorkingDays(from, policy.citizenNoticeWorkingDays, calendar);

/**
 * `{ beyondCalendar: true }` when a due date computed by this decision falls in a year the office calendar does
 * not cover (counted over weekends alone), for the event to say so; nothing otherwise.
 */
export function calendarCoverageOf(deadlines: Deadlines, ...computed: (string | null)[]): { beyondCalendar?: true } {
  return computed.some((date) => date !== null && !calendarCovers(deadlines.calendar, date)) ? { beyondCalendar: true } : {};
}
