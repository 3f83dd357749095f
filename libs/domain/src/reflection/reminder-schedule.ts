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

/** Stages go out in this order: before_due, due, escalation_1, escalation_2, … */
export const stageOrder = (stage: ReminderStage): number => (stage === 'before_due' ? 0 : stage === 'due' ? 1 : 1 + Number(stage.slice('escalation_'.length)));
export const stageAt = (order: number): ReminderStage => (order === 0 ? 'before_due' : order === 1 ? 'due' : `escalation_${order - 1}`);

const STAGE = /^(before_due|due|escalation_([1-9]\d{0,3}))$/;
export const isReminderStage = (stage: string): stage is ReminderStage => STAGE.test(stage);

/**
 * Send dates already counted, by calendar and policy, then by stage and due date: a reconcile asks for them for
 * every open obligation, and obligations share few due dates.
 */
const counted = new WeakMap<OfficeCalendar, WeakMap<DeadlinePolicy, Map<string, string>>>();

/** When a stage goes out for an obligation due on `dueOn`. */
export function sendOnFor(stage: ReminderStage, dueOn: string, policy: DeadlinePolicy, calendar: OfficeCalendar): string {
  let byPolicy = counted.get(calendar);
  if (!byPolicy) counted.set(calendar, (byPolicy = new WeakMap()));
  let dates = byPolicy.get(policy);
  if (!dates) byPolicy.set(policy, (dates = new Map()));
  const key = `${stage} ${dueOn}`;
  let sendOn = dates.get(key);
  if (sendOn === undefined) dates.set(key, (sendOn = countSendOn(stage, dueOn, policy, calendar)));
  return sendOn;
}

function countSendOn(stage: ReminderStage, dueOn: string, policy: DeadlinePolicy, calendar: OfficeCalendar): string {
  if (stage === 'before_due') return subtractWorkingDays(dueOn, policy.reminderWorkingDaysBefore, calendar);
  if (stage === 'due') return dueOn;
  const repeat = Number(stage.slice('escalation_'.length)) - 1;
  return addDays(addWorkingDays(dueOn, policy.escalationAfterWorkingDays, calendar), repeat * policy.escalationRepeatDays);
}

/**
 * The reminders still to send for an open obligation, in the order they go out: the first reminder, the one on
 * the due date, and escalations weekly after it. Stages already past (after an outage, or an obligation
 * opened close to its due date) collapse into the latest of them: one catch-up, not a burst.
 */
export function pendingReminders(obligation: Obligation, issued: readonly string[], policy: DeadlinePolicy, calendar: OfficeCalendar, today: string): PlannedReminder[] {
  if (obligation.state !== 'open') return [];
  const sent = issued.filter(isReminderStage).map(stageOrder);
  const last = sent.length ? Math.max(...sent) : -1;
  const planned: PlannedReminder[] = [];
  for (let order = last + 1; ; order++) {
    const stage = stageAt(order);
    const sendOn = sendOnFor(stage, obligation.dueOn, policy, calendar);
    planned.push({ stage, sendOn });
    if (sendOn > today && isEscalation(stage)) break;
  }
  const past = planned.filter((p) => p.sendOn <= today);
  return [...past.slice(-1), ...planned.filter((p) => p.sendOn > today)];
}
