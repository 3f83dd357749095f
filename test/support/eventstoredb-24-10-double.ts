import { Metadata, status } from '@grpc/grpc-js';
import {
  ANY,
  AccessDeniedError,
  BACKWARDS,
  DeadlineExceededError,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendStreamState,
  type AppendResult,
  type EventData,
  type Filter,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@kurrent/kurrentdb-client';
import type { ServiceError } from '@grpc/grpc-js';
import type { EventStoreDbClientCalls, EventStoreDbConnection } from '@integrity/event-store';

/**
 * A BEHAVIOURAL DOUBLE of the EventStoreDB 24.10 (KurrentDB) server as the Node client shows it, for the contract
 * suite where no server can run. It is not the server: it models only what the adapter relies on, as read in
 * KurrentDB 24.10's source and the client's types, and the same suite runs on a real server when
 * EVENTSTORE_CONNECTION_STRING is set. Modelled:
 * - positions far beyond 2^53: commit and prepare are 64-bit; the events of one append share the commit position
 *   and have increasing prepare positions;
 * - `readAll` forwards includes the event at its start position; backwards from a position excludes it;
 * - system streams and events (`$epoch-information`, `$stats-…`, `$scavenges`, `$metadata`) interleaved with
 *   the product's, and trailing it in any number;
 * - idempotent appends only at an exact expected revision (or no_stream): the same ids at the same place answer
 *   success without a position; a partial overlap is a wrong expected version; `any` writes duplicates;
 * - wrong expected version in both shapes the client produces (from the append's details, and from gRPC trailers);
 * - stream reads of a missing stream fail with StreamNotFoundError while iterating;
 * - `readAll` filtered on the server (24.10's ReadAllForwardsFiltered): one call passes over any number of
 *   events the filter leaves out, and answers up to its count of those it keeps;
 * - every call answers after a little latency (0–2 ms, a new timer each time), so nothing relies on an answer
 *   arriving in the same turn of the event loop; `calls` counts them;
 * - faults on request: a deadline after the write (written, not confirmed) or before it, unavailable, the
 *   "not handled" answers (the batch append's "Server Is Busy" and "Server Is Not Ready", as the client turns them
 *   into UnknownError), $all denied to the user, an older server version; live subscriptions the server ends
 *   without an error (a node shutting down).
 */
export class EventStoreDb2410Double {
  private readonly log: StoredEvent[] = [];
  private nextCommit = (1n << 60n) + 7n;
  private readonly listeners = new Set<() => void>();
  private faults: Fault[] = [];
  private wrongVersionShape: 'details' | 'trailers' = 'details';
  allReadsDenied = false;
  version = '24.10.0.0';
  /** How many times each call was made. */
  readonly calls = { appendToStream: 0, readStream: 0, readAll: 0, subscribeToAll: 0 };
  private readonly enders = new Set<() => void>();

  connection(): EventStoreDbConnection {
    return { client: this as unknown as EventStoreDbClientCalls, serverVersion: async () => this.version };
  }

  /** The next append fails this way: 'deadline-after-write' writes the events and still answers a deadline error. */
  failNextAppend(...faults: Fault[]): void {
    this.faults.push(...faults);
  }

  /** The server writes events of its own: epochs, statistics, scavenges, stream metadata. */
  systemEvents(count: number): void {
    const streams = ['$epoch-information', '$stats-127.0.0.1:2113', '$scavenges', '$$reflection-x'];
    for (let i = 0; i < count; i++) {
      const streamId = streams[i % streams.length];
      this.write(streamId, [{ id: crypto.randomUUID(), type: streamId === '$$reflection-x' ? '$metadata' : '$statsCollected', data: {}, metadata: {}, contentType: 'application/json' }]);
    }
  }

  /** How many events the log holds, the server's own included. */
  get eventCount(): number {
    return this.log.length;
  }

  /**
   * The server restored from a backup taken when it held its first `count` events, and restarted: the later events
   * are gone, the next write continues from the backup's end, and the live subscriptions ended with the old server.
   */
  restoreTo(count: number): void {
    this.log.splice(count);
    const last = this.log[this.log.length - 1];
    this.nextCommit = last ? last.position.prepare + 977n : (1n << 60n) + 7n;
    this.endSubscriptions();
  }

  /** The server ends every live subscription, as a node does when it shuts down: the stream completes, no error. */
  endSubscriptions(): void {
    for (const end of this.enders) end();
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}): Promise<AppendResult> {
    this.calls.appendToStream++;
    await latency();
    const batch = [events].flat();
    const expected = options.streamState ?? ANY;
    const fault = this.faults.shift();
    if (fault === 'unavailable') throw new UnavailableError(serviceError(status.UNAVAILABLE, 'failed to connect'));
    if (fault === 'busy') throw new UnknownError(undefined, 'Could not recognize Server Is Busy');
    if (fault === 'not-ready') throw new UnknownError(undefined, 'Could not recognize Server Is Not Ready');
    if (fault === 'deadline-before-write') throw new DeadlineExceededError(serviceError(status.DEADLINE_EXCEEDED, 'Deadline exceeded'));
    const stream = this.stream(streamName);
    const current = stream.length - 1;
    const start = expected === NO_STREAM ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : null;
    if (start !== null && stream.length > start && stream[start].id === batch[0].id) {
      // KurrentDB's idempotency check: the whole batch at exactly that place, or a wrong expected version.
      const same = batch.every((event, i) => stream[start + i]?.id === event.id);
      if (same) return { success: true, nextExpectedRevision: BigInt(start + batch.length - 1), position: undefined };
      throw this.wrongVersion(streamName, expected, current);
    }
    const matches = expected === ANY || (expected === NO_STREAM ? current === -1 : expected === STREAM_EXISTS ? current >= 0 : BigInt(current) === expected);
    if (!matches) throw this.wrongVersion(streamName, expected, current);
    const written = this.write(streamName, batch);
    if (fault === 'deadline-after-write') throw new DeadlineExceededError(serviceError(status.DEADLINE_EXCEEDED, 'Deadline exceeded'));
    return { success: true, nextExpectedRevision: written.revision, position: written.position };
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<{ event: StoredEvent }> {
    const stream = this.stream(streamName);
    const from = options.fromRevision === undefined || options.fromRevision === START ? 0 : options.fromRevision === END ? stream.length - 1 : Number(options.fromRevision);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    this.calls.readStream++;
    return (async function* () {
      await latency();
      if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
      const ordered = options.direction === BACKWARDS ? stream.slice(0, from + 1).reverse() : stream.slice(from);
      for (const event of ordered.slice(0, max)) yield { event: copy(event) };
    })();
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<AllStreamResolvedEvent> {
    const denied = this.allReadsDenied;
    const from = options.fromPosition ?? (options.direction === BACKWARDS ? END : START);
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const log = this.log;
    this.calls.readAll++;
    return (async function* () {
      await latency();
      if (denied) throw new AccessDeniedError(serviceError(status.PERMISSION_DENIED, 'Access denied'));
      const ordered = (
        options.direction === BACKWARDS
          ? log.filter((event) => from === END || from === START || before(event.position, from)).reverse()
          : log.filter((event) => from === START || (from !== END && !before(event.position, from)))
      ).filter((event) => passes(event, options.filter));
      for (const event of ordered.slice(0, from === START && options.direction === BACKWARDS ? 0 : max)) yield { event: copy(event) } as AllStreamResolvedEvent;
    })();
  }

  /** Catch-up after the start position, then live; filtered on the server as the client asks. */
  subscribeToAll(options: SubscribeToAllOptions = {}) {
    const from = options.fromPosition ?? START;
    this.calls.subscribeToAll++;
    let stopped = false;
    let ended = false;
    let wake: () => void = () => undefined;
    const listener = () => wake();
    const end = () => {
      ended = true;
      wake();
    };
    this.listeners.add(listener);
    this.enders.add(end);
    const enders = this.enders;
    const log = this.log;
    const wanted = (event: StoredEvent) => passes(event, options.filter);
    const listeners = this.listeners;
    async function* events() {
      let index = from === START ? 0 : from === END ? log.length : log.findIndex((event) => before(from as Position, event.position));
      if (index < 0) index = log.length;
      await latency();
      while (!stopped && !ended) {
        while (index < log.length && !stopped && !ended) {
          const event = log[index++];
          if (wanted(event)) yield { event: copy(event) };
        }
        if (stopped || ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      listeners.delete(listener);
      enders.delete(end);
    }
    const iterator = events();
    return {
      [Symbol.asyncIterator]: () => iterator,
      async unsubscribe() {
        stopped = true;
        listeners.delete(listener);
        enders.delete(end);
        wake();
      },
    };
  }

  async dispose(): Promise<void> {
    for (const listener of this.listeners) listener();
  }

  private stream(streamName: string): StoredEvent[] {
    return this.log.filter((event) => event.streamId === streamName);
  }

  private write(streamId: string, batch: EventData[]): { revision: bigint; position: Position } {
    const commit = this.nextCommit;
    let revision = BigInt(this.stream(streamId).length - 1);
    let position: Position = { commit, prepare: commit };
    batch.forEach((event, i) => {
      revision++;
      position = { commit, prepare: commit + BigInt(i) * 331n };
      this.log.push({
        streamId,
        id: event.id as string,
        revision,
        type: event.type,
        data: event.data,
        metadata: event.metadata ?? {},
        isJson: event.contentType === 'application/json',
        created: new Date(),
        position,
      });
    });
    this.nextCommit = position.prepare + 977n;
    for (const listener of this.listeners) listener();
    return { revision, position };
  }

  /** Both shapes alternate: from the append's details (24.10's batch append) and from gRPC trailers (the older append). */
  private wrongVersion(streamName: string, expected: AppendStreamState, current: number): WrongExpectedVersionError {
    this.wrongVersionShape = this.wrongVersionShape === 'details' ? 'trailers' : 'details';
    if (this.wrongVersionShape === 'details') return new WrongExpectedVersionError(undefined, { streamName, expected, current: current < 0 ? NO_STREAM : BigInt(current) });
    const trailers = new Metadata();
    trailers.set('stream-name', streamName);
    trailers.set('expected-version', typeof expected === 'bigint' ? expected.toString() : '-1');
    if (current >= 0) trailers.set('actual-version', String(current));
    return new WrongExpectedVersionError(serviceError(status.FAILED_PRECONDITION, 'Wrong expected version', trailers));
  }
}

type Fault = 'deadline-after-write' | 'deadline-before-write' | 'unavailable' | 'busy' | 'not-ready';

/** A new timer of 0–2 ms: answers come in a later turn of the event loop, in no fixed order. */
const latency = () => new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));

interface StoredEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: boolean;
  created: Date;
  position: Position;
}

const before = (a: Position, b: Position) => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);

const copy = (event: StoredEvent): StoredEvent => structuredClone(event);

function passes(event: StoredEvent, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const subject = filter.filterOn === 'streamName' ? event.streamId : event.type;
  return 'prefixes' in filter ? filter.prefixes.some((prefix) => subject.startsWith(prefix)) : new RegExp(filter.regex).test(subject);
}

function serviceError(code: status, details: string, metadata = new Metadata()): ServiceError {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata });
}
