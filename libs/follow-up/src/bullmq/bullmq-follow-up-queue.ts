import { Queue, Worker, type Job } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { QUEUE_ANSWER_LIMIT_MS, withinTimeLimit, type FollowUpQueue, type ProcessOptions, type QueueHealth, type QueueStats, type ScheduledReminder } from '../follow-up-queue.port';

export const REMINDER_QUEUE = 'follow-up-reminders';
export const CYCLE_QUEUE = 'follow-up-cycles';
const ATTEMPTS = 8;
const BULK = 1000;
const BULKS_IN_FLIGHT = 4;
const COMPARED_PER_CALL = 5000;
/** KEYS[1]: the queue's key prefix; ARGV: job ids. Answers the ids whose job key does not exist. */
const MISSING_JOBS = "local missing = {} for _, id in ipairs(ARGV) do if redis.call('EXISTS', KEYS[1] .. id) == 0 then missing[#missing + 1] = id end end return missing";

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
  /** One wait for the connection to be ready, shared by every caller meanwhile. */
  private nextReady: Promise<void> | null = null;
  /** The repeatable jobs registered, to register again when Redis lost them. */
  private readonly repeats = new Map<string, number>();

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
    // An 'error' event nobody listens to would end the process; a lost connection shows in health() instead.
    this.queue.on('error', () => undefined);
  }

  private connect(): Redis {
    // maxRetriesPerRequest null, as BullMQ's workers require: a command waits for Redis to come back. Callers that
    // must not wait (stats, health) go through withinTimeLimit. RESP2, as under ioredis 5: ioredis 6 came for
    // its shutdown fix (see close), not for RESP3, its new default, which asks Redis 6 or newer.
    const connection = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null, protocol: 2 });
    // Without a listener ioredis prints every failed reconnection; health() reports the outage instead.
    connection.on('error', () => undefined);
    this.connections.push(connection);
    return connection;
  }

  /**
   * Adds the reminders the queue lacks. Which it lacks is asked in one script call for thousands of ids: the
   * job's key exists, which is how BullMQ itself tells that an add would be a duplicate. The adds then go in
   * chunks, several in flight on the one connection.
   */
  async schedule(requested: ScheduledReminder[]): Promise<number> {
    const ids = new Set<string>();
    const reminders = requested.filter((reminder) => !ids.has(reminder.id) && ids.add(reminder.id));
    const compared: Promise<string[]>[] = [];
    for (let i = 0; i < reminders.length; i += COMPARED_PER_CALL) compared.push(this.missingJobs(reminders.slice(i, i + COMPARED_PER_CALL).map((reminder) => reminder.id)));
    const missing = new Set((await Promise.all(compared)).flat());
    const fresh = reminders.filter((reminder) => missing.has(reminder.id));
    const chunks: ScheduledReminder[][] = [];
    for (let i = 0; i < fresh.length; i += BULK) chunks.push(fresh.slice(i, i + BULK));
    let next = 0;
    const adding = async () => {
      for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) {
        await this.queue.addBulk(chunk.map((reminder) => ({ name: 'reminder', data: reminder, opts: { jobId: reminder.id, delay: Math.max(0, reminder.sendAt - this.now()) } })));
      }
    };
    await Promise.all(Array.from({ length: BULKS_IN_FLIGHT }, adding));
    return fresh.length;
  }

  /** The ids among these that no job of the queue has. */
  private async missingJobs(ids: string[]): Promise<string[]> {
    return (await this.connection.eval(MISSING_JOBS, 1, this.queue.toKey(''), ...ids)) as string[];
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
    worker.on('error', () => undefined);
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  /** A BullMQ job scheduler: one job per interval, whichever worker takes it. */
  async repeat(name: string, everyMs: number, handler: () => Promise<void>): Promise<void> {
    this.repeats.set(name, everyMs);
    await this.upsertRepeats([[name, everyMs]]);
    const worker = new Worker(CYCLE_QUEUE, async (job: Job) => (job.name === name ? handler() : undefined), {
      connection: this.connect(),
      prefix: this.options.prefix,
      concurrency: 1,
    });
    worker.on('error', () => undefined);
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  async restoreRepeats(): Promise<void> {
    await this.upsertRepeats([...this.repeats]);
  }

  private async upsertRepeats(repeats: [string, number][]): Promise<void> {
    const cycles = new Queue(CYCLE_QUEUE, { connection: this.connection, prefix: this.options.prefix });
    try {
      for (const [name, everyMs] of repeats) {
        await cycles.upsertJobScheduler(name, { every: everyMs }, { name, opts: { removeOnComplete: 100, removeOnFail: 100 } });
      }
    } finally {
      await cycles.close();
    }
  }

  /** The connection ready: a command sent before would wait in ioredis's queue until Redis is back. */
  private whenReady(): Promise<void> {
    if (this.connection.status === 'ready') return Promise.resolve();
    this.nextReady ??= new Promise<void>((resolve) => this.connection.once('ready', () => resolve())).finally(() => (this.nextReady = null));
    return this.nextReady;
  }

  /** A command's answer once the connection is ready, both within one time limit, or a rejection. */
  private withinAnswerLimit<T>(command: () => Promise<T>): Promise<T> {
    return withinTimeLimit(this.whenReady().then(command), QUEUE_ANSWER_LIMIT_MS, 'Redis');
  }

  async lostItsData(): Promise<boolean> {
    // A key set once and never removed: SET NX succeeds only where it is missing, so Redis lost what it held.
    const key = `${this.options.prefix ?? 'bull'}:follow-up-sentinel`;
    return (await this.withinAnswerLimit(() => this.connection.set(key, new Date(this.now()).toISOString(), 'NX'))) === 'OK';
  }

  async health(): Promise<QueueHealth> {
    try {
      await this.withinAnswerLimit(() => this.connection.ping());
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async stats(): Promise<QueueStats> {
    const counts = await this.withinAnswerLimit(() => this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed', 'completed', 'prioritized'));
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      delayed: counts.delayed ?? 0,
      active: counts.active ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    };
  }

  /**
   * Workers finish the jobs they hold, then everything closes. A worker's close waits for its commands, and while
   * Redis is away those wait in ioredis for its return: then the connections are ended at once, the commands fail
   * and the close goes on (a job left unfinished keeps its lock until it lapses, and a worker takes it over).
   */
  async close(): Promise<void> {
    const end = () => {
      for (const connection of this.connections) connection.disconnect();
    };
    for (const connection of this.connections) connection.once('close', end);
    if (this.connections.some((connection) => connection.status !== 'ready')) end();
    await Promise.all(this.workers.map((worker) => worker.close()));
    for (const connection of this.connections) connection.off('close', end);
    await this.queue.close();
    await Promise.all(this.connections.map((connection) => connection.quit().catch(() => undefined)));
  }
}
