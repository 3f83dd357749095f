import { createHash } from 'node:crypto';
import type { EventChain, EventMetadata, JsonObject, JsonValue } from '../event-envelope';

/** The previous hash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);


/** What the hash covers: the event as recorded, its place (stream and revision) and the hash before it. */
export interface HashedFields {
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  metadata: EventMetadata;
}

/**
 * JSON with every object's keys in code-point order and no white space: the same event gives the same bytes
 * whichever store kept it and in whatever order its keys were read back.
 */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
}

export function eventHash(event: HashedFields, prevHash: string): string {
  const { streamId, revision, type, schemaVersion, data, metadata } = event;
  const encoded = canonicalJson({ streamId, revision, type, schemaVersion, data, metadata: metadata as unknown as JsonObject, prevHash });
  return createHash('sha256').update(encoded).digest('hex');
}

/** The chain of events appended after `prevHash`, the first at `firstRevision`. */
export function chainOf(streamId: string, firstRevision: number, prevHash: string, events: Omit<HashedFields, 'streamId' | 'revision'>[]): EventChain[] {
  let previous = prevHash;
  return events.map((event, i) => {
    const hash = eventHash({ ...event, streamId, revision: firstRevision + i }, previous);
    const chain = { prevHash: previous, hash };
    previous = hash;
    return chain;
  });
}
