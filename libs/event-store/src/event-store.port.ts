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

/** The store ended a subscription nobody stopped (a server shutting down): subscribe again from the last event handled. */
export class SubscriptionEndedError extends Error {
  constructor() {
    super('The event log ended the subscription');
    this.name = 'SubscriptionEndedError';
  }
}

export interface Subscription {
  /** Resolves when stopped; rejects if the handler or the store failed, or the store ended it (SubscriptionEndedError). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/** The log could not say whether an append was written (a deadline passed, the leader changed): read and see. */
export class AppendOutcomeUnknownError extends Error {
  readonly code = 'APPEND_OUTCOME_UNKNOWN';

  constructor(
    readonly streamId: string,
    cause: unknown,
  ) {
    super(`Whether the append to ${streamId} was written is unknown`, { cause });
    this.name = 'AppendOutcomeUnknownError';
  }
}

/** The log turned the append away before writing anything (busy, not ready yet): it may be sent again as it is. */
export class LogBusyError extends Error {
  readonly code = 'EVENT_LOG_BUSY';

  constructor(
    readonly streamId: string,
    cause: unknown,
  ) {
    super(`The event log turned away the append to ${streamId} unwritten (busy or not ready)`, { cause });
    this.name = 'LogBusyError';
  }
}

/**
 * The event log. Every adapter passes `test/contract/event-store.contract-spec.ts`.
 *
 * What every adapter guarantees, and no more:
 * - An append at an expected revision writes all its events or none, and only if the stream is at that revision;
 *   otherwise WrongExpectedRevisionError with the stream's actual revision.
 * - An append repeated with the same event ids, to the same stream, at the same expected revision it first
 *   stated (not `any`), returns the first result and writes nothing. Ids are not deduplicated across streams, nor
 *   at another revision (EventStoreDB answers a partial overlap or a moved stream with a wrong-version error).
 * - An append whose outcome the adapter cannot establish, even after reading the stream back, fails with
 *   AppendOutcomeUnknownError; it never turns into a second copy of the events. One the log turned away unwritten
 *   (busy, not ready) fails at once with LogBusyError.
 * - Positions grow with every append and order the whole log; they are opaque bigints, meaningful only in the log
 *   that gave them (see `identity`).
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
  /**
   * A stable id of this log, made when it was created and kept by its backups: positions (and so checkpoints)
   * from another log mean nothing here.
   */
  identity(): Promise<string>;
  /** Position of the last event written by the product (system events skipped), null when there is none. */
  headPosition(): Promise<bigint | null>;
  close(): Promise<void>;
}
