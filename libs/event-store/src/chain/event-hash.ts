import { hash } from 'node:crypto';
import type { EventChain, EventMetadata, JsonObject, JsonValue, RecordedEvent } from '../event-envelope';

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
  // Already in canonical order (metadata is built that way), JSON.stringify writes the same bytes at native speed.
  return inCanonicalOrder(value) ? JSON.stringify(value) : written(value);
}

function written(value: JsonValue | undefined): string {
  if (value === null || value === undefined || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + written(value[i]);
    return `${text}]`;
  }
  let text = '{';
  let first = true;
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${written(item)}`;
    first = false;
  }
  return `${text}}`;
}

/** Whether JSON.stringify would already write the value canonically: keys in code-point order, nothing undefined. */
function inCanonicalOrder(value: JsonValue | undefined): boolean {
  if (value === undefined) return false;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(inCanonicalOrder);
  let previous: string | null = null;
  for (const key of Object.keys(value)) {
    if ((previous !== null && previous >= key) || !inCanonicalOrder(value[key])) return false;
    previous = key;
  }
  return true;
}

/**
 * SHA-256 over canonicalJson({ data, metadata, prevHash, revision, schemaVersion, streamId, type }), its outer
 * object written out in that (sorted) order directly: it is on every append's path.
 */
export function eventHash(event: HashedFields, prevHash: string): string {
  return hashAt(event.streamId, event.revision, event, prevHash);
}

function hashAt(streamId: string, revision: number, { type, schemaVersion, data, metadata }: Omit<HashedFields, 'streamId' | 'revision'>, prevHash: string): string {
  const encoded = `{"data":${canonicalJson(data)},"metadata":${canonicalJson(metadata as unknown as JsonObject)},"prevHash":${JSON.stringify(prevHash)},"revision":${revision},"schemaVersion":${schemaVersion},"streamId":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`;
  return hash('sha256', encoded, 'hex');
}

/** The chain of events appended after `prevHash`, the first at `firstRevision`. */
export function chainOf(streamId: string, firstRevision: number, prevHash: string, events: Omit<HashedFields, 'streamId' | 'revision'>[]): EventChain[] {
  const chains: EventChain[] = [];
  let previous = prevHash;
  for (let i = 0; i < events.length; i++) {
    const hash = hashAt(streamId, firstRevision + i, events[i], previous);
    chains.push({ prevHash: previous, hash });
    previous = hash;
  }
  return chains;
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
