import type { OfficeCalendar } from '../calendar/taiwan-office-calendar';
import { addDays, addWorkingDays, subtractWorkingDays } from '../calendar/working-days';
import type { DeadlinePolicy } from './deadline-policy';
import type { Obligation } from './obligations';

/** A reminder some working days before the due date, one on it, then escalations to the supervisors. */
export type ReminderStage = 'before_due' | 'due' | `escalation_${number}`;

export interface PlannedReminder {
  stage: ReminderStage;
  /** The Taipei date it goes out on (at 09:00 Asia/Taipei). */
  sendOn: string;
}

export const isEscalation = (stage: string): boolean => stage.startsWith('escalation_');

const STAGE = /^(before_due|due|escalation_([1-9]\d{0,3}))$/;
export const isReminderStage = (stage: string): stage is ReminderStage => STAGE.test(stage);

/** When a stage goes out for an obligation due on `dueOn`. */
export function sendOnFor(stage: ReminderStage, dueOn: string, policy: DeadlinePolicy, calendar: OfficeCalendar): string {
  if (stage === 'before_due') return subtractWorkingDays(dueOn, policy.reminderWorkingDaysBefore, calendar);
  if (stage === 'due') return dueOn;
  const repeat = Number(stage.slice('escalation_'.length)) - 1;
  return addDays(addWorkingDays(dueOn, policy.escalationAfterWorkingDays, calendar), repeat * policy.escalationRepeatDays);
}

/**
 * The reminders still to send for an open obligation, in the order they go out: those not yet issued among
 * the first reminder, the one on the due date, and the next escalation (escalations repeat weekly).
 */
export function pendingReminders(obligation: Obligation, issued: readonly string[], policy: DeadlinePolicy, calendar: OfficeCalendar): PlannedReminder[] {
  if (obligation.state !== 'open') return [];
  const escalations = issued.filter(isEscalation).length;
  const stages: ReminderStage[] = ['before_due', 'due', `escalation_${escalations + 1}`];
  return stages.filter((stage) => !issued.includes(stage)).map((stage) => ({ stage, sendOn: sendOnFor(stage, obligation.dueOn, policy, calendar) }));
}
