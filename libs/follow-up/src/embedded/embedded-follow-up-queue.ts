import type { FollowUpQueue, ProcessOptions, QueueHealth, QueueStats, ScheduledReminder } from '../follow-up-queue.port';
import { MinHeap } from './min-heap';

const ATTEMPTS = 8;
/** How often the scheduler looks at the clock: the clock port's time, so tests move time instead of sleeping. */
const TICK_MS = 100;

type State = 'delayed' | 'waiting' | 'active' | 'failed';

interface Entry {
  reminder: ScheduledReminder;
  state: State;
  attempts: number;
}

/**
 * The embedded scheduler, in this process. It keeps nothing across a restart: the reconciler, which runs at
 * start, schedules again every pending reminder from the read models.
 */
export class EmbeddedFollowUpQueue implements FollowUpQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly delayed = new MinHeap<Entry>((entry) => entry.reminder.sendAt);
  private readonly ready: Entry[] = [];
  private handler: ((reminder: ScheduledReminder) => Promise<void>) | null = null;
  private concurrency = 1;
  private running = 0;
  private completed = 0;
  private askedWhetherLost = false;
  private readonly ticker: NodeJS.Timeout;
  private readonly cycles: NodeJS.Timeout[] = [];

  constructor(private readonly now: () => number = Date.now) {
    this.ticker = setInterval(() => this.release(), TICK_MS);
    this.ticker.unref();
  }

  async schedule(reminders: ScheduledReminder[]): Promise<number> {
    let added = 0;
    for (const reminder of reminders) {
      if (this.entries.has(reminder.id)) continue;
      const entry: Entry = { reminder, state: 'delayed', attempts: 0 };
      this.entries.set(reminder.id, entry);
      this.delayed.push(entry);
      added++;
    }
    this.release();
    return added;
  }

  /** Moves what is due by the clock to the ready list, in the order it is due. */
  private release(): void {
    const now = this.now();
    for (let next = this.delayed.peek(); next && next.reminder.sendAt <= now; next = this.delayed.peek()) {
      const entry = this.delayed.pop() as Entry;
      entry.state = 'waiting';
      this.ready.push(entry);
    }
    this.drain();
  }

  private drain(): void {
    while (this.handler && this.running < this.concurrency && this.ready.length > 0) {
      void this.run(this.ready.shift() as Entry, this.handler);
    }
  }

  private async run(entry: Entry, handler: (reminder: ScheduledReminder) => Promise<void>): Promise<void> {
    this.running++;
    entry.state = 'active';
    entry.attempts++;
    try {
      await handler(entry.reminder);
      // Done reminders are forgotten, as BullMQ's bounded removeOnComplete does; scheduling one again is harmless.
      this.entries.delete(entry.reminder.id);
      this.completed++;
    } catch {
      if (entry.attempts >= ATTEMPTS) {
        entry.state = 'failed';
      } else {
        entry.state = 'active';
        const retry = setTimeout(() => this.requeue(entry), 250 * 2 ** (entry.attempts - 1));
        retry.unref();
      }
    } finally {
      this.running--;
      this.drain();
    }
  }

  private requeue(entry: Entry): void {
    if (this.entries.get(entry.reminder.id) !== entry) return;
    entry.state = 'waiting';
    this.ready.push(entry);
    this.drain();
  }

  async retryFailed(): Promise<number> {
    const failed = [...this.entries.values()].filter((entry) => entry.state === 'failed');
    for (const entry of failed) {
      entry.attempts = 0;
      this.requeue(entry);
    }
    return failed.length;
  }

  async process(handler: (reminder: ScheduledReminder) => Promise<void>, { concurrency }: ProcessOptions): Promise<void> {
    this.handler = handler;
    this.concurrency = concurrency;
    this.drain();
  }

  async repeat(_name: string, everyMs: number, handler: () => Promise<void>): Promise<void> {
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      await handler().catch(() => undefined);
      running = false;
    };
    const cycle = setInterval(() => void run(), everyMs);
    cycle.unref();
    this.cycles.push(cycle);
    void run();
  }

  /** In this process: up as long as the process is. */
  async health(): Promise<QueueHealth> {
    return { status: 'up' };
  }

  /** Its reminders live and die with this process: new (so, lost) the first time it is asked only. */
  async lostItsData(): Promise<boolean> {
    const first = !this.askedWhetherLost;
    this.askedWhetherLost = true;
    return first;
  }

  /** Its repeats live in this process's timers, which nothing can flush. */
  async restoreRepeats(): Promise<void> {}

  async stats(): Promise<QueueStats> {
    const stats: QueueStats = { waiting: 0, delayed: 0, active: 0, failed: 0, completed: this.completed };
    for (const entry of this.entries.values()) stats[entry.state]++;
    return stats;
  }

  async close(): Promise<void> {
    clearInterval(this.ticker);
    for (const cycle of this.cycles) clearInterval(cycle);
    this.handler = null;
  }
}
