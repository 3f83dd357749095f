import { streamProblem, type AppendResult, type EventStore, type ExpectedRevision, type NewEvent, type RecordedEvent, type Subscription, type SubscriptionOptions } from '@integrity/event-store';
import { StorageFullError, StoreDamagedError } from './store-damaged.error';
import type { StoreIntegrity } from './store-integrity';

/** A write the disk had no room for: SQLite's SQLITE_FULL, the file system's ENOSPC. */
const isFull = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
};

/**
 * The event store as every writer and reader uses it: appends refused while a store is damaged, a full disk named,
 * and each stream read checked against its hash chain, so damage inside an event is found the moment it is read.
 */
export class WriteGuardedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly integrity: Pick<StoreIntegrity, 'damaged' | 'markDamaged' | 'noteFull'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const damaged = this.integrity.damaged();
    // What the damage itself is recorded as (a security event) still goes into a log that is sound.
    const sayingSo = streamId.startsWith('securityevent-') && !damaged.includes('eventStore');
    if (damaged.length > 0 && !sayingSo) throw new StoreDamagedError(damaged);
    try {
      const result = await this.inner.append(streamId, events, expected);
      this.integrity.noteFull(false, this.now());
      return result;
    } catch (error) {
      if (!isFull(error)) throw error;
      this.integrity.noteFull(true, this.now());
      throw new StorageFullError();
    }
  }

  /** A stream whose stored hashes do not hold is damage: found now, named by stream and revision. */
  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId);
    const broken = streamProblem(events);
    // An event from before the chain existed has no hash to hold; the start chains it.
    if (broken && broken.reason !== 'unchained') {
      this.integrity.markDamaged('eventStore', [`stream ${broken.streamId} at revision ${broken.revision}: ${broken.reason}`]);
      throw new StoreDamagedError(['eventStore'], { streamId: broken.streamId, revision: broken.revision, reason: broken.reason });
    }
    return events;
  }

  readAll(after: bigint | null, limit: number, options?: SubscriptionOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(after, limit, options);
  }

  subscribe(after: bigint | null, handler: (event: RecordedEvent) => Promise<void>, options?: SubscriptionOptions): Subscription {
    return this.inner.subscribe(after, handler, options);
  }

  identity(): Promise<string> {
    return this.inner.identity();
  }

  headPosition(): Promise<bigint | null> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
