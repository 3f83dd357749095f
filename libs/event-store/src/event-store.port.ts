import type { NewEvent, RecordedEvent } from './event-envelope';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** `no_stream`: the stream must not exist yet; a number: the revision of the stream's last event. */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event appended. */
  revision: number;
  /** Global position of the last event appended. */
  position: bigint;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at revision ${actual}, not ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export interface SubscriptionOptions {
  /** Deliver only events whose stream is in one of these categories (`reflection`, `site`, …). */
  categories?: string[];
}

export interface Subscription {
  /** Resolves when the subscription has stopped; rejects if the handler or the store failed. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The event log. Every adapter passes `test/contract/event-store.contract-spec.ts`.
 * Appending events whose ids were already appended to the same stream, at the same place, returns the first
 * result and writes nothing.
 */
export interface EventStore {
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** All events of a stream in revision order; empty when the stream does not exist. */
  readStream(streamId: string): Promise<RecordedEvent[]>;
  /** Up to `limit` events with a position after `after` (null: from the start), in position order. */
  readAll(after: bigint | null, limit: number, options?: SubscriptionOptions): Promise<RecordedEvent[]>;
  /**
   * Catch-up then live: delivers, one at a time and awaiting `handler`, every event after `after` in position
   * order, then each new one as it is appended, until stopped.
   */
  subscribe(after: bigint | null, handler: (event: RecordedEvent) => Promise<void>, options?: SubscriptionOptions): Subscription;
  /** Position of the last event in the store, null when empty. */
  headPosition(): Promise<bigint | null>;
  close(): Promise<void>;
}
