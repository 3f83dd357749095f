import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent, Subscription, SubscriptionOptions } from '@integrity/event-store';
import { StoreDamagedError } from './store-damaged.error';

/** The event store, refusing every append while a store is damaged: for every writer, the HTTP API and the worker alike. */
export class WriteGuardedEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly damaged: () => string[],
  ) {}

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const damaged = this.damaged();
    if (damaged.length > 0) return Promise.reject(new StoreDamagedError(damaged));
    return this.inner.append(streamId, events, expected);
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId);
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
