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
  /** The request that opened the obligation: the job logs under it, and the reminder's event records it. */
  correlationId?: string;
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

/** Whether the queue's backing service answers; asked with a short time limit, so a caller never hangs on it. */
export interface QueueHealth {
  status: 'up' | 'down';
  /** Why it is down, in English, for operators (no secret: never the connection string). */
  reason?: string;
}

export interface ProcessOptions {
  concurrency: number;
}

/** Reminder job ids hold no ':' and are never plain integers (BullMQ reserves both). */
/** The correlation id a reminder's job logs under and its event records: the opening request's, else its own id. */
export const reminderCorrelationId = (reminder: ScheduledReminder): string => reminder.correlationId ?? reminder.id;

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
  /** Fails rather than wait when the backing service does not answer (see queueHealth's time limit). */
  stats(): Promise<QueueStats>;
  health(): Promise<QueueHealth>;
  /**
   * Whether the backing service lost what it held (flushed, or replaced by an empty one) since this was last
   * asked: true the first time, for the queue starts empty. The caller then schedules every pending reminder again.
   */
  lostItsData(): Promise<boolean>;
  /** Registers the repeatable jobs again, for a backing service that lost them (Redis flushed or replaced). */
  restoreRepeats(): Promise<void>;
  close(): Promise<void>;
}

/** How long a caller waits on the queue's backing service before it says the queue is unavailable. */
export const QUEUE_ANSWER_LIMIT_MS = 1_500;

/** `promise`, or a rejection once `ms` have passed: a dependency that hangs must not hold up a request. */
export function withinTimeLimit<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}
