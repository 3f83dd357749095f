import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@integrity/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@integrity/event-store';
import { WRITER_FENCE, type Fence } from '@integrity/lease';
import { StoreIntegrity } from '@integrity/platform';
import { ActiveReadModels, applyBatch, positionOfKey, READ_MODEL_SHAPE, READ_MODEL_STORE, readModelsAheadOfLog, rebuildReadModels, type ProjectionCheckpoint, type ReadModelSet, type ReadModelStore } from '@integrity/read-models';

const BATCH = 500;
const RETRY_AFTER_MS = 1000;
/** Live events arriving within this long share a batch: far fewer commits under load, little added wait. */
const LINGER_MS = 5;

/** The log no longer holds what the read models applied: projecting on would skip the events between. */
class LogBehindReadModels extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/**
 * Feeds the read models from the event log: a catch-up subscription from the stored checkpoint, then live.
 * Events are applied in batches (see applyBatch); a failure restarts from the last checkpoint, and a rebuilt
 * generation made active by another process is picked up from its own checkpoint.
 */
@Injectable()
export class Projector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private subscription: Subscription | null = null;
  private set: ReadModelSet | null = null;
  private checkpoint: ProjectionCheckpoint | null = null;
  private buffer: RecordedEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private stopped = false;
  private restarting = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly batchListeners: ((streamIds: string[]) => void)[] = [];
  private generationTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly readModels: ActiveReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WRITER_FENCE) private readonly fence: Fence,
    private readonly integrity: StoreIntegrity,
  ) {}

  /** Called with the streams each applied batch changed (the follow-up worker schedules their reminders). */
  onBatch(listener: (streamIds: string[]) => void): void {
    this.batchListeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
    this.generationTimer = setInterval(() => void this.followGeneration(), 1000);
    this.generationTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.generationTimer) clearInterval(this.generationTimer);
    await this.halt();
  }

  private async start(): Promise<void> {
    this.readModels.refresh();
    let set = await this.readModels.current();
    const eventLog = await this.eventStore.identity();
    let checkpoint = await set.checkpoint();
    const fromAnotherLog = checkpoint.eventLog !== null && checkpoint.eventLog !== eventLog;
    const olderShape = checkpoint.position !== '' && (checkpoint.shape ?? 1) < READ_MODEL_SHAPE;
    if (fromAnotherLog || olderShape) {
      // Positions from another log (a move from SQLite to EventStoreDB, a wrong connection string) mean nothing
      // here: applying on top would double-apply or stall, so every read model is built again from this log. A
      // generation projected by an older release lacks what this one's documents hold: it is built again too.
      this.logger.warn(
        fromAnotherLog
          ? `The read models were projected from another event log (${checkpoint.eventLog}); rebuilding them from this one (${eventLog})`
          : `The read models were projected in shape ${checkpoint.shape ?? 1}, this release reads shape ${READ_MODEL_SHAPE}; rebuilding them`,
      );
      const outcome = await rebuildReadModels(this.eventStore, this.store, null, () => this.clock.now());
      this.logger.log(`Rebuilt ${outcome.events} events into generation ${outcome.generation}`);
      this.readModels.refresh();
      set = await this.readModels.current();
      checkpoint = await set.checkpoint();
    }
    await set.ensureIndexes();
    const counted = await set.countDashboardsIfMissing();
    if (counted > 0) this.logger.log(`Counted the dashboards of ${counted} unit(s) afresh: generation ${set.generation} was projected before counts were kept`);
    const problems = await readModelsAheadOfLog(this.eventStore, checkpoint);
    if (problems.length > 0) return this.refuse(problems);
    this.set = set;
    this.checkpoint = { ...checkpoint, eventLog };
    // A checkpoint from before logs had identities belongs to this log: say so, so a later move is noticed.
    if (checkpoint.position !== '' && checkpoint.eventLog === null) await set.saveCheckpoint(this.checkpoint);
    const after = this.checkpoint.position === '' ? null : positionOfKey(this.checkpoint.position);
    const subscription = this.eventStore.subscribe(after, (event) => this.receive(event));
    this.subscription = subscription;
    // One that ends while it is still the projector's (not halted) is a failure, whether the store resolved or rejected it.
    subscription.done.then(
      () => this.subscription === subscription && this.failed(new Error('The log subscription ended')),
      (error: unknown) => this.failed(error),
    );
    this.logger.log(`Projecting into generation ${set.generation} from ${after === null ? 'the start' : `position ${after}`}`);
  }

  private async receive(event: RecordedEvent): Promise<void> {
    this.buffer.push(event);
    if (this.buffer.length >= BATCH) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setTimeout(() => void this.flush().catch((error: unknown) => this.failed(error)), LINGER_MS);
    }
  }

  private flush(): Promise<void> {
    this.flushScheduled = false;
    this.flushing = this.flushing.then(async () => {
      const batch = this.buffer;
      this.buffer = [];
      if (batch.length === 0 || !this.set || !this.checkpoint) return;
      // A worker that no longer leads writes nothing (FencedError); one paused past its lease after this check is
      // refused by the store, whose checkpoint carries the new leader's greater epoch (StaleWriterError).
      const epoch = this.fence.epoch();
      // A log restored to an earlier point is noticed at the first batch after, before anything is skipped over.
      const problems = await readModelsAheadOfLog(this.eventStore, this.checkpoint);
      if (problems.length > 0) throw new LogBehindReadModels(problems);
      const { checkpoint, skippedUnknown } = await applyBatch(this.set, batch, { ...this.checkpoint, epoch }, this.clock.now());
      this.checkpoint = checkpoint;
      const streamIds = [...new Set(batch.map((e) => e.streamId))];
      for (const listener of this.batchListeners) listener(streamIds);
      if (skippedUnknown > 0) this.logger.warn(`Skipped ${skippedUnknown} event(s) of unknown type or version (${checkpoint.skippedUnknown} in all)`);
    });
    return this.flushing;
  }

  private async halt(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.stop();
    await this.flushing.catch(() => undefined);
    this.buffer = [];
  }

  /** Projection stops until the read models are rebuilt; health reports the problem and the command that fixes it. */
  private async refuse(problems: string[]): Promise<void> {
    this.integrity.markDamaged('readModels', problems);
    this.logger.error(`Projection stopped: ${problems.join('; ')}`);
    await this.halt();
  }

  private failed(error: unknown): void {
    if (error instanceof LogBehindReadModels) {
      void this.refuse(error.problems);
      return;
    }
    if (this.stopped || this.restarting) return;
    this.restarting = true;
    this.logger.error(`Projection stopped: ${error instanceof Error ? error.stack : String(error)}; restarting from the last checkpoint`);
    void this.halt().then(() => {
      this.flushing = Promise.resolve();
      this.restartTimer = setTimeout(() => {
        this.restarting = false;
        void this.start().catch((e: unknown) => this.failed(e));
      }, RETRY_AFTER_MS);
    });
  }

  /** A rebuild in another process made a new generation active: continue there from its checkpoint. */
  private async followGeneration(): Promise<void> {
    if (this.stopped || !this.set) return;
    const active = await this.readModels.current().catch(() => null);
    if (!active || active.generation === this.set.generation) return;
    this.logger.log(`Generation ${active.generation} is now active`);
    await this.halt();
    await this.start().catch((error: unknown) => this.failed(error));
  }
}
