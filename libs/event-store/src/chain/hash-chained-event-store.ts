import type { NewEvent, RecordedEvent } from '../event-envelope';
import { WrongExpectedRevisionError, type AppendResult, type EventStore, type ExpectedRevision, type Subscription, type SubscriptionOptions } from '../event-store.port';
import { chainOf, eventHash, GENESIS_HASH } from './event-hash';

/** Stream heads remembered between a command's read and its append (and for the next command on the stream). */
const REMEMBERED_HEADS = 10_000;
/** Appends that did not state a revision are placed at the head; a writer racing them makes them try again. */
const ANY_ATTEMPTS = 50;

/**
 * The event log with a hash chain in every stream: each event appended carries the hash of the stream's event
 * before it and its own hash over its canonical encoding (see event-hash.ts). The chain is made here, at the
 * revision the append states, so it is the same on every adapter; an append that states no revision (`any`) is
 * placed at the stream's head as read, and tried again if another writer got there first.
 */
export class HashChainedEventStore implements EventStore {
  private readonly heads = new Map<string, { revision: number; hash: string }>();

  constructor(readonly inner: EventStore) {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const after = expected === 'any' ? await this.head(streamId) : expected === 'no_stream' ? { revision: -1, hash: GENESIS_HASH } : await this.eventAt(streamId, expected);
      const chains = chainOf(streamId, after.revision + 1, after.hash, events);
      const chained = events.map((event, i) => ({ ...event, chain: chains[i] }));
      const stated: ExpectedRevision = expected !== 'any' ? expected : after.revision < 0 ? 'no_stream' : after.revision;
      try {
        const result = await this.inner.append(streamId, chained, stated);
        this.remember(streamId, result.revision, chains[chains.length - 1].hash);
        return result;
      } catch (error) {
        this.heads.delete(streamId);
        if (!(error instanceof WrongExpectedRevisionError) || expected !== 'any' || attempt >= ANY_ATTEMPTS) throw error;
      }
    }
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId);
    const last = events[events.length - 1];
    if (last) this.remember(streamId, last.revision, hashesOf(events)[events.length - 1]);
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

  private remember(streamId: string, revision: number, hash: string): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, { revision, hash });
    if (this.heads.size > REMEMBERED_HEADS) this.heads.delete(this.heads.keys().next().value as string);
  }

  private async head(streamId: string): Promise<{ revision: number; hash: string }> {
    const events = await this.readStream(streamId);
    return events.length === 0 ? { revision: -1, hash: GENESIS_HASH } : { revision: events.length - 1, hash: hashesOf(events)[events.length - 1] };
  }

  /** The hash of the event at `revision`, which the append states it follows. */
  private async eventAt(streamId: string, revision: number): Promise<{ revision: number; hash: string }> {
    const known = this.heads.get(streamId);
    if (known?.revision === revision) return known;
    const events = await this.readStream(streamId);
    // A stream not at that revision is refused by the append itself; the chain made for it is never written.
    return { revision, hash: revision < events.length ? hashesOf(events)[revision] : GENESIS_HASH };
  }
}

/**
 * Each event's hash: the one it carries, or for an event recorded before the chain existed (the migration has
 * not run yet) the hash the migration will give it, so a new event links to the same value either way.
 */
export function hashesOf(events: RecordedEvent[]): string[] {
  const hashes: string[] = [];
  events.forEach((event, i) => hashes.push(event.chain?.hash ?? eventHash(event, i === 0 ? GENESIS_HASH : hashes[i - 1])));
  return hashes;
}
