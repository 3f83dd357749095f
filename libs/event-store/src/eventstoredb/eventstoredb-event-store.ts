import {
  ANY,
  AccessDeniedError,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  NotLeaderError,
  START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamRecordedEvent,
  type AllStreamSubscription,
  type AppendStreamState,
  type Position as EsdbPosition,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { chainOf, GENESIS_HASH, hashesOf } from '../chain/event-hash';
import { categoryOf, type EventChain, type EventMetadata, type JsonObject, type NewEvent, type RecordedEvent } from '../event-envelope';
import {
  AppendOutcomeUnknownError,
  LogBusyError,
  SubscriptionEndedError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type Subscription,
  type SubscriptionOptions,
} from '../event-store.port';

/**
 * EventStoreDB orders $all by (commit, prepare). Both fit in 64 bits, so one bigint keeps that order exactly
 * and can be turned back into the pair to resume from.
 */
const SHIFT = 64n;
const MASK = (1n << SHIFT) - 1n;
export const toPortPosition = ({ commit, prepare }: EsdbPosition): bigint => (commit << SHIFT) | prepare;
export const toEsdbPosition = (position: bigint): EsdbPosition => ({ commit: position >> SHIFT, prepare: position & MASK });

/** Servers before 22.10 answer stream reads with this position instead of the event's. */
const NO_POSITION = MASK;
/** The oldest server whose behaviour the adapter relies on (real positions on stream reads, server features). */
export const OLDEST_SUPPORTED_EVENTSTOREDB = [22, 10] as const;

interface StreamHead {
  revision: number;
  hash: string;
}

/** Where a stream's first event goes. */
const BEFORE_FIRST_EVENT: StreamHead = { revision: -1, hash: GENESIS_HASH };
const REMEMBERED_HEADS = 10_000;
/** Appends that state no revision go after the last event; a writer racing them makes them try again. */
const ANY_ATTEMPTS = 50;

/** The stream holding this log's identity: one event, written by whichever process needs it first. */
export const LOG_IDENTITY_STREAM = 'eventlog-identity';
const LOG_IDENTITY_EVENT = 'EventLogCreated';

/** The client calls the adapter makes: the real client, or the named behavioural double in the contract suite. */
export type EventStoreDbClientCalls = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbConnection {
  client: EventStoreDbClientCalls;
  /** The server's version as it reports it ("24.10.0.0"), or "unknown" from servers without the features call. */
  serverVersion: () => Promise<string>;
}

interface StoredMetadata extends EventMetadata {
  schemaVersion: number;
  chain?: EventChain;
  $correlationId: string;
  $causationId: string | null;
}

/** Errors after which the server may or may not have written the append. */
const UNCERTAIN = [DeadlineExceededError, UnavailableError, NotLeaderError, TimeoutError, CancelledError, UnknownError];
const isUncertain = (error: unknown) => UNCERTAIN.some((type) => error instanceof type);
/**
 * The server's "not handled" answers (24.10: "Server Is Too Busy", "Server Is Not Ready"; the batch append's
 * "Server Is Busy"): said before the write was taken on, so nothing was written and reading back would only wait.
 */
const isTurnedAway = (error: unknown) => (error instanceof UnavailableError || error instanceof UnknownError) && /Server Is (Too )?Busy|Server Is Not Ready/i.test(error.message);
/** Reads back after an uncertain append: the write may still be replicating. */
const READ_BACK_ATTEMPTS = 5;
const READ_BACK_PAUSE_MS = 200;

function streamStateOf(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return BigInt(expected);
}

function isUserEvent(event: EsdbRecordedEvent | undefined): event is EsdbRecordedEvent & { isJson: true } {
  return Boolean(event && event.isJson && !event.streamId.startsWith('$') && !event.type.startsWith('$'));
}

function positionOf(event: EsdbRecordedEvent): bigint {
  if (!event.position || event.position.commit === NO_POSITION) {
    throw new Error(`EventStoreDB gave no position for event ${event.revision} of ${event.streamId}: servers before ${OLDEST_SUPPORTED_EVENTSTOREDB.join('.')} are not supported`);
  }
  return toPortPosition(event.position);
}

function toRecorded(event: EsdbRecordedEvent, position: bigint): RecordedEvent {
  const { schemaVersion, chain, $correlationId: _correlation, $causationId: _causation, ...metadata } = event.metadata as unknown as StoredMetadata;
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    type: event.type,
    schemaVersion: schemaVersion ?? 1,
    data: event.data as JsonObject,
    metadata,
    ...(chain ? { chain } : {}),
  };
}

/** `major.minor` of a reported version, null when the server did not say. */
export function versionOf(reported: string): [number, number] | null {
  const match = /^(\d+)\.(\d+)/.exec(reported);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/**
 * The production event log on EventStoreDB (`EVENTSTORE_CONNECTION_STRING`). Appends state their expected
 * revision, so the server deduplicates a retried append whose event ids it has already written at that revision.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDbClientCalls;
  private readonly serverVersion: () => Promise<string>;
  private logId: Promise<string> | null = null;
  /** Stream heads remembered between a command's read and its append (and for the next command on the stream). */
  private readonly heads = new Map<string, StreamHead>();

  constructor(connection: string | EventStoreDbConnection) {
    if (typeof connection === 'string') {
      const client = KurrentDBClient.connectionString(connection);
      this.client = client;
      // The client learns the server's version on connecting; it keeps it behind a protected getter.
      this.serverVersion = async () => (await client['capabilities']).serverVersion;
    } else {
      this.client = connection.client;
      this.serverVersion = connection.serverVersion;
    }
  }

  /**
   * At start, before anything is served: a supported server, and $all readable by the configured user (the
   * projector reads it; without the right it would restart for ever). Fails with one message saying what to fix.
   */
  async checkServer(): Promise<void> {
    const reported = await this.serverVersion().catch((error: unknown) => {
      throw new Error(`EventStoreDB (EVENTSTORE_CONNECTION_STRING) does not answer: ${error instanceof Error ? error.message : String(error)}`);
    });
    const version = versionOf(reported);
    const [major, minor] = OLDEST_SUPPORTED_EVENTSTOREDB;
    if (!version || version[0] < major || (version[0] === major && version[1] < minor)) {
      throw new Error(`EventStoreDB ${reported} is not supported: use ${major}.${minor} or later (KurrentDB 24.10 is tested)`);
    }
    try {
      for await (const _ of this.client.readAll({ fromPosition: START, direction: FORWARDS, maxCount: 1 })) break;
    } catch (error) {
      if (error instanceof AccessDeniedError) {
        throw new Error('The EventStoreDB user in EVENTSTORE_CONNECTION_STRING may not read $all: give it read access to $all (or use an $ops or $admins member)');
      }
      throw error;
    }
  }

  /**
   * Appends chained after the event at the revision stated (its hash remembered from the command's read, or read
   * here); an append that states no revision goes after the stream's last event, and tries again if another
   * writer got there first, so the chain never forks.
   */
  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    if (expected !== 'any') return this.appendAfter(streamId, events, expected, expected === 'no_stream' ? BEFORE_FIRST_EVENT : await this.eventAt(streamId, expected));
    for (let attempt = 1; ; attempt++) {
      const last = await this.lastEvent(streamId);
      try {
        return await this.appendAfter(streamId, events, last.revision < 0 ? 'no_stream' : last.revision, last);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= ANY_ATTEMPTS) throw error;
      }
    }
  }

  private async appendAfter(streamId: string, events: NewEvent[], expected: ExpectedRevision, after: StreamHead): Promise<AppendResult> {
    const chains = chainOf(streamId, after.revision + 1, after.hash, events);
    const data = events.map((event, i) =>
      jsonEvent({
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: {
          ...event.metadata,
          schemaVersion: event.schemaVersion,
          chain: { ...chains[i] },
          $correlationId: event.metadata.correlationId,
          $causationId: event.metadata.causationId,
        },
      }),
    );
    try {
      const result = await this.client.appendToStream(streamId, data, { streamState: streamStateOf(expected) });
      const revision = Number(result.nextExpectedRevision);
      const position = result.position ? toPortPosition(result.position) : await this.positionAt(streamId, revision);
      this.remember(streamId, revision, chains[chains.length - 1].hash);
      return { revision, position };
    } catch (error) {
      this.heads.delete(streamId);
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualState === NO_STREAM ? -1 : Number(error.actualState);
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      if (isTurnedAway(error)) throw new LogBusyError(streamId, error);
      if (isUncertain(error)) return this.readBack(streamId, events, error);
      throw error;
    }
  }

  /** The oldest remembered goes first when there are too many: forgetting one costs a read, nothing more. */
  private remember(streamId: string, revision: number, hash: string): void {
    this.heads.set(streamId, { revision, hash });
    if (this.heads.size > REMEMBERED_HEADS) this.heads.delete(this.heads.keys().next().value as string);
  }

  /** The hash of the event at `revision`, which the append states it follows. */
  private async eventAt(streamId: string, revision: number): Promise<StreamHead> {
    const known = this.heads.get(streamId);
    if (known?.revision === revision) return known;
    const events = await this.readStream(streamId);
    // A stream not at that revision refuses the append itself; the chain made for it is never written.
    return { revision, hash: revision < events.length ? hashesOf(events)[revision] : GENESIS_HASH };
  }

  private async lastEvent(streamId: string): Promise<StreamHead> {
    const events = await this.readStream(streamId);
    return events.length === 0 ? BEFORE_FIRST_EVENT : { revision: events.length - 1, hash: hashesOf(events)[events.length - 1] };
  }

  /**
   * The server may have written an append it could not confirm. Read the stream: the events are there (in order,
   * one after another) or they are not; while unsure (the write may still be replicating, or the read fails), ask
   * again a few times, then answer "outcome unknown" rather than a success or a failure that may be false.
   */
  private async readBack(streamId: string, events: NewEvent[], cause: unknown): Promise<AppendResult> {
    for (let attempt = 1; attempt <= READ_BACK_ATTEMPTS; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, READ_BACK_PAUSE_MS * attempt));
      try {
        const stream = await this.readStream(streamId);
        const first = stream.findIndex((event) => event.id === events[0].id);
        if (first < 0) continue;
        const written = stream.slice(first, first + events.length);
        if (written.length === events.length && written.every((event, i) => event.id === events[i].id)) {
          const last = written[written.length - 1];
          return { revision: last.revision, position: last.position };
        }
      } catch (error) {
        if (!isUncertain(error)) throw error;
      }
    }
    throw new AppendOutcomeUnknownError(streamId, cause);
  }

  /** An idempotent retry may come back without a position: read it from the event itself. */
  private async positionAt(streamId: string, revision: number): Promise<bigint> {
    for await (const resolved of this.client.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1, direction: FORWARDS })) {
      if (resolved.event) return positionOf(resolved.event);
    }
    throw new Error(`Event ${revision} of ${streamId} has no position`);
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: START, direction: FORWARDS })) {
        const event = resolved.event;
        if (isUserEvent(event)) events.push(toRecorded(event, positionOf(event)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    if (events.length > 0) this.remember(streamId, events.length - 1, hashesOf(events)[events.length - 1]);
    return events;
  }

  /**
   * One filtered read of $all on the server: it passes over other categories' and the server's own events itself,
   * so a page costs one call however many of those trail the last wanted event. A read starts at (not after) its
   * position, so one more than the page is asked for and the event at `after` left out.
   */
  async readAll(after: bigint | null, limit: number, options: SubscriptionOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    const from: ReadPosition = after === null ? START : toEsdbPosition(after);
    for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: limit + 1, direction: FORWARDS, filter: this.filterOf(options) })) {
      const event = resolved.event;
      if (!event) continue;
      const position = toPortPosition(event.position);
      if (after !== null && position <= after) continue;
      if (isUserEvent(event) && this.wanted(event.streamId, options)) events.push(toRecorded(event, position));
      if (events.length === limit) break;
    }
    return events;
  }

  /** The product's categories as stream-name prefixes, or every stream but the server's own events. */
  private filterOf({ categories }: SubscriptionOptions) {
    return categories?.length ? streamNameFilter({ prefixes: categories.map((category) => `${category}-`) }) : excludeSystemEvents();
  }

  private wanted(streamId: string, { categories }: SubscriptionOptions): boolean {
    return !categories?.length || categories.includes(categoryOf(streamId));
  }

  subscribe(after: bigint | null, handler: (event: RecordedEvent) => Promise<void>, options: SubscriptionOptions = {}): Subscription {
    const subscription: AllStreamSubscription = this.client.subscribeToAll({
      fromPosition: after === null ? START : toEsdbPosition(after),
      filter: this.filterOf(options),
    });
    let stopping = false;
    const run = async () => {
      for await (const resolved of subscription) {
        const event = resolved.event;
        if (!event) continue;
        const position = toPortPosition(event.position);
        if (after !== null && position <= after) continue;
        if (isUserEvent(event) && this.wanted(event.streamId, options)) await handler(toRecorded(event, position));
      }
      // A node shutting down completes the stream without an error: for the consumer that is a failure to recover from.
      if (!stopping) throw new SubscriptionEndedError();
    };
    const done = run();
    return {
      done,
      async stop() {
        stopping = true;
        await subscription.unsubscribe();
        await done.catch(() => undefined);
      },
    };
  }

  /** The id in the log's identity stream; the first process to ask writes it, and every later one reads it. */
  identity(): Promise<string> {
    this.logId ??= this.readOrCreateIdentity().catch((error: unknown) => {
      this.logId = null;
      throw error;
    });
    return this.logId;
  }

  private async readOrCreateIdentity(): Promise<string> {
    const [existing] = await this.readStream(LOG_IDENTITY_STREAM);
    if (existing) return String(existing.data.logId);
    const logId = randomUUID();
    const event: NewEvent = {
      id: randomUUID(),
      type: LOG_IDENTITY_EVENT,
      schemaVersion: 1,
      data: { logId },
      metadata: { actorId: 'system', unitId: null, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() },
    };
    try {
      await this.append(LOG_IDENTITY_STREAM, [event], 'no_stream');
      return logId;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const [first] = await this.readStream(LOG_IDENTITY_STREAM);
      return String(first.data.logId);
    }
  }

  /**
   * The last event the product wrote. System events ($stats, scavenges, epochs) may trail it in any number: the
   * server passes over them (a filtered read backwards), so this is one call.
   */
  async headPosition(): Promise<bigint | null> {
    const PAGE = 100;
    let from: ReadPosition = END;
    let before: bigint | null = null;
    for (;;) {
      let read = 0;
      let last: AllStreamRecordedEvent | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: PAGE, filter: excludeSystemEvents() })) {
        read++;
        const event = resolved.event;
        if (!event) continue;
        const position = toPortPosition(event.position);
        // Whether a backwards read includes its start position or not, an event already seen is not counted twice.
        if (before !== null && position >= before) continue;
        if (isUserEvent(event)) return position;
        last = event;
      }
      if (read < PAGE || !last) return null;
      from = last.position;
      before = toPortPosition(last.position);
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
