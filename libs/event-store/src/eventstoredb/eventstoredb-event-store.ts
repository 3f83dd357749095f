import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamRecordedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Position as EsdbPosition,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { categoryOf, type EventMetadata, type JsonObject, type NewEvent, type RecordedEvent } from '../event-envelope';
import {
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

interface StoredMetadata extends EventMetadata {
  schemaVersion: number;
  $correlationId: string;
  $causationId: string | null;
}

function expectedRevisionOf(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return BigInt(expected);
}

function isUserEvent(event: EsdbRecordedEvent | undefined): event is EsdbRecordedEvent & { isJson: true } {
  return Boolean(event && event.isJson && !event.streamId.startsWith('$') && !event.type.startsWith('$'));
}

function toRecorded(event: EsdbRecordedEvent, position: bigint): RecordedEvent {
  const { schemaVersion, $correlationId: _correlation, $causationId: _causation, ...metadata } = event.metadata as unknown as StoredMetadata;
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    type: event.type,
    schemaVersion: schemaVersion ?? 1,
    data: event.data as JsonObject,
    metadata,
  };
}

/**
 * The production event log on EventStoreDB (`EVENTSTORE_CONNECTION_STRING`). Appends state their expected
 * revision, so the server deduplicates a retried append whose event ids it has already written.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;

  constructor(connectionString: string) {
    this.client = EventStoreDBClient.connectionString(connectionString);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const data = events.map((event) =>
      jsonEvent({
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: {
          ...event.metadata,
          schemaVersion: event.schemaVersion,
          $correlationId: event.metadata.correlationId,
          $causationId: event.metadata.causationId,
        },
      }),
    );
    try {
      const result = await this.client.appendToStream(streamId, data, { expectedRevision: expectedRevisionOf(expected) });
      const revision = Number(result.nextExpectedRevision);
      const position = result.position ? toPortPosition(result.position) : await this.positionOf(streamId, revision);
      return { revision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw error;
    }
  }

  /** An idempotent retry may come back without a position: read it from the event itself. */
  private async positionOf(streamId: string, revision: number): Promise<bigint> {
    for await (const resolved of this.client.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1, direction: FORWARDS })) {
      if (resolved.event?.position) return toPortPosition(resolved.event.position);
    }
    throw new Error(`Event ${revision} of ${streamId} has no position`);
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision: START, direction: FORWARDS })) {
        const event = resolved.event;
        if (isUserEvent(event) && event.position) events.push(toRecorded(event, toPortPosition(event.position)));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readAll(after: bigint | null, limit: number, options: SubscriptionOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from: ReadPosition = after === null ? START : toEsdbPosition(after);
    // $all reads cannot filter here, and start at (not after) a position: page until enough events match.
    for (;;) {
      let read = 0;
      let last: AllStreamRecordedEvent | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: limit + 1, direction: FORWARDS })) {
        read++;
        const event = resolved.event;
        if (!event) continue;
        last = event;
        const position = toPortPosition(event.position);
        if (after !== null && position <= after) continue;
        if (isUserEvent(event) && this.wanted(event.streamId, options)) events.push(toRecorded(event, position));
        if (events.length === limit) return events;
      }
      if (read <= 1 || !last) return events;
      from = last.position;
      after = toPortPosition(last.position);
    }
  }

  private wanted(streamId: string, { categories }: SubscriptionOptions): boolean {
    return !categories?.length || categories.includes(categoryOf(streamId));
  }

  subscribe(after: bigint | null, handler: (event: RecordedEvent) => Promise<void>, options: SubscriptionOptions = {}): Subscription {
    const filter = options.categories?.length
      ? streamNameFilter({ prefixes: options.categories.map((category) => `${category}-`) })
      : excludeSystemEvents();
    const subscription: AllStreamSubscription = this.client.subscribeToAll({
      fromPosition: after === null ? START : toEsdbPosition(after),
      filter,
    });
    const run = async () => {
      for await (const resolved of subscription) {
        const event = resolved.event;
        if (!event) continue;
        const position = toPortPosition(event.position);
        if (after !== null && position <= after) continue;
        if (isUserEvent(event)) await handler(toRecorded(event, position));
      }
    };
    const done = run();
    return {
      done,
      async stop() {
        await subscription.unsubscribe();
        await done.catch(() => undefined);
      },
    };
  }

  async headPosition(): Promise<bigint | null> {
    for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 50 })) {
      if (isUserEvent(resolved.event)) return toPortPosition(resolved.event.position as EsdbPosition);
    }
    return null;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
