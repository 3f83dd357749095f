import type { EventStore } from '@integrity/event-store';
import type { ReadModelStore } from './read-model-store.port';
import { positionKey, positionOfKey } from './projections/position-key';
import { activeGeneration, ReadModelSet } from './projections/read-model-set';

/** How often another process's switch to a rebuilt generation is noticed. */
const GENERATION_REFRESH_MS = 1000;
const POLL_MS = 10;

/** The read models have not reached what the request needs in time (HTTP 503: try again shortly). */
export class ReadModelBehindError extends Error {
  readonly code = 'READ_MODEL_BEHIND';
}

/** The generation of read models that readers use now, and whether it has caught up with a position. */
export class ActiveReadModels {
  private cached: { set: ReadModelSet; readAt: number } | null = null;

  constructor(private readonly store: ReadModelStore) {}

  async current(): Promise<ReadModelSet> {
    const fresh = this.cached && (!this.store.sharedAcrossProcesses || Date.now() - this.cached.readAt < GENERATION_REFRESH_MS);
    if (this.cached && fresh) return this.cached.set;
    const generation = await activeGeneration(this.store);
    const set = this.cached?.set.generation === generation ? this.cached.set : new ReadModelSet(this.store, generation);
    this.cached = { set, readAt: Date.now() };
    return set;
  }

  /** Forgets the cached generation, after this process switched generations itself. */
  refresh(): void {
    this.cached = null;
  }

  /** Resolves true once the projector has applied the event at `position`, false after `timeoutMs`. */
  async caughtUpWith(position: bigint, timeoutMs: number): Promise<boolean> {
    if (position <= 0n) return true;
    const wanted = positionKey(position);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { position: applied } = await (await this.current()).checkpoint();
      if (applied >= wanted) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /**
   * Resolves once the projector has applied every projected event the log holds now (what a report drafted now
   * must count); ReadModelBehindError after `timeoutMs`.
   */
  async caughtUpWithLog(events: EventStore, timeoutMs: number): Promise<void> {
    const head = await events.headPosition();
    if (head === null) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { position } = await (await this.current()).checkpoint();
      if (position !== '' && positionOfKey(position) >= head) return;
      if (Date.now() >= deadline) throw new ReadModelBehindError(`The read models have not caught up with the log after ${timeoutMs / 1000} s; try again shortly`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
