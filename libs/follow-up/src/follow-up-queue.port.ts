export const FOLLOW_UP_QUEUE = Symbol('FOLLOW_UP_QUEUE');

/**
 * A reminder to send: ids only, never a reporter's data. About an obligation of a reflection, or about a site
 * visit the plan in force schedules (`obligationId` `visit:<siteId>:<dueOn>`).
 */
export type ReminderJob = { unitId: string; obligationId: string; stage: string } & ReminderAbout;
export type ReminderAbout = { reflectionId: string } | { planId: string };

export type ScheduledReminder = ReminderJob & {
  /** Deterministic (see reminderJobId): scheduling the same reminder again is a no-op. */
  id: string;
  /** When to send it, in epoch milliseconds; in the past means now. */
  sendAt: number;
};

export interface QueueStats {
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
  completed: number;
}

export interface ProcessOptions {
  concurrency: number;
}

/** Reminder job ids hold no ':' and are never plain integers (BullMQ reserves both). */
export function reminderJobId(job: ReminderJob): string {
  const about = 'planId' in job ? `plan-${job.planId}` : job.reflectionId;
  return `reminder-${about}-${job.obligationId.replaceAll(':', '.')}-${job.stage}`;
}

/**
 * The follow-up queue. Never the source of truth: the reconciler derives every pending reminder from the read
 * models and schedules what is missing, so a flushed Redis or a killed worker loses nothing. Every adapter
 * passes `test/contract/follow-up-queue.contract-spec.ts`.
 */
export interface FollowUpQueue {
  /** Schedules the reminders not already scheduled, sent or failed under their ids; answers how many were new. */
  schedule(reminders: ScheduledReminder[]): Promise<number>;
  /** Sends again the reminders whose attempts all failed; answers how many. */
  retryFailed(): Promise<number>;
  /** Starts sending with this handler; a handler that throws is retried with backoff. */
  process(handler: (reminder: ScheduledReminder) => Promise<void>, options: ProcessOptions): Promise<void>;
  /** Runs `handler` every `everyMs` (and once now), on one worker at a time: a repeatable job. */
  repeat(name: string, everyMs: number, handler: () => Promise<void>): Promise<void>;
  stats(): Promise<QueueStats>;
  close(): Promise<void>;
}
