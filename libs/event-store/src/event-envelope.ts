export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Who did it, for which unit, and why (correlation and causation ids), when. */
export interface EventMetadata {
  actorId: string;
  unitId: string | null;
  correlationId: string;
  causationId: string | null;
  occurredAt: string;
}

/** An event's place in its stream's hash chain (see chain/event-hash.ts). */
export interface EventChain {
  /** The hash of the stream's previous event; GENESIS_HASH for its first. */
  prevHash: string;
  /** SHA-256 over the canonical encoding of the event and prevHash. */
  hash: string;
}

/** An event to append. `id` is made once per decision and reused on retries, so a retried append is a no-op. */
export interface NewEvent {
  id: string;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
}

/**
 * An appended event. `revision` counts from 0 within its stream; `position` orders every event of the store
 * (a bigint: send it as a string in JSON).
 */
export interface RecordedEvent extends NewEvent {
  streamId: string;
  revision: number;
  position: bigint;
  /** Its place in the stream's hash chain, made by the store as it appended; absent before the chain existed. */
  chain?: EventChain;
}

/** Stream names are `<category>-<uuid>`, so category streams work on EventStoreDB. */
export function streamIdOf(category: string, id: string): string {
  return `${category}-${id}`;
}

export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}
