import { Queue, Worker, type Job } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import type { FollowUpQueue, ProcessOptions, QueueStats, ScheduledReminder } from '../follow-up-queue.port';

export const REMINDER_QUEUE = 'follow-up-reminders';
export const CYCLE_QUEUE = 'follow-up-cycles';
const ATTEMPTS = 8;
const BULK = 1000;

export interface BullMqFollowUpQueueOptions {
  redisUrl: string;
  /** Namespaces every key, so several deployments (or test runs) share one Redis. */
  prefix?: string;
  /** How long a worker holds a job before another may take it over (a worker killed mid-job). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose worker died. */
  stalledIntervalMs?: number;
  clock?: () => number;
}

/**
 * Reminders on BullMQ over Redis: delayed jobs with deterministic ids (adding an id that exists is a no-op),
 * retries with exponential backoff, bounded completed and failed sets. Several workers may run at once; a
 * worker killed mid-job loses its lock and another takes the job over.
 */
export class BullMqFollowUpQueue implements FollowUpQueue {
  private readonly connection: Redis;
  private readonly queue: Queue;
  private readonly workers: Worker[] = [];
  /** Connections this adapter opened: BullMQ leaves a connection it was given open when it closes. */
  private readonly connections: Redis[] = [];
  private readonly now: () => number;

  constructor(private readonly options: BullMqFollowUpQueueOptions) {
    this.connection = this.connect();
    this.now = options.clock ?? Date.now;
    this.queue = new Queue(REMINDER_QUEUE, {
      connection: this.connection,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: ATTEMPTS,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
        removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
      },
    });
  }

  private connect(): Redis {
    const connection = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.connections.push(connection);
    return connection;
  }

  async schedule(requested: ScheduledReminder[]): Promise<number> {
    const reminders = [...new Map(requested.map((reminder) => [reminder.id, reminder])).values()];
    let added = 0;
    for (let i = 0; i < reminders.length; i += BULK) {
      const chunk = reminders.slice(i, i + BULK);
      const ids = chunk.map((reminder) => reminder.id);
      const existing = new Set((await Promise.all(ids.map((id) => this.queue.getJobState(id)))).flatMap((state, j) => (state === 'unknown' ? [] : [ids[j]])));
      const fresh = chunk.filter((reminder) => !existing.has(reminder.id));
      await this.queue.addBulk(
        fresh.map((reminder) => ({ name: 'reminder', data: reminder, opts: { jobId: reminder.id, delay: Math.max(0, reminder.sendAt - this.now()) } })),
      );
      added += fresh.length;
    }
    return added;
  }

  async retryFailed(): Promise<number> {
    const failed = await this.queue.getFailed(0, -1);
    await Promise.all(failed.map((job) => job.retry()));
    return failed.length;
  }

  async process(handler: (reminder: ScheduledReminder) => Promise<void>, { concurrency }: ProcessOptions): Promise<void> {
    const worker = new Worker(REMINDER_QUEUE, (job: Job<ScheduledReminder>) => handler(job.data), {
      connection: this.connect(),
      prefix: this.options.prefix,
      concurrency,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
    });
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  /** A BullMQ job scheduler: one job per interval, whichever worker takes it. */
  async repeat(name: string, everyMs: number, handler: () => Promise<void>): Promise<void> {
    const cycles = new Queue(CYCLE_QUEUE, { connection: this.connection, prefix: this.options.prefix });
    await cycles.upsertJobScheduler(name, { every: everyMs, immediately: true }, { name, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await cycles.close();
    const worker = new Worker(CYCLE_QUEUE, async (job: Job) => (job.name === name ? handler() : undefined), {
      connection: this.connect(),
      prefix: this.options.prefix,
      concurrency: 1,
    });
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  async stats(): Promise<QueueStats> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed', 'prioritized');
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.queue.close();
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => undefined)));
  }
}
