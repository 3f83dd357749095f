import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from a command id and the event's index in the decision. The same command
 * retried — after a timeout, a crash or a conflict — makes the same event ids, which the store deduplicates.
 */
export function deterministicEventId(commandId: string, index: number): string {
  return uuidFrom(`integrity-platform:event:${commandId}:${index}`);
}

/** The id of what a command creates (a reflection, a site…): a retried request creates the same one. */
export function createdIdFor(commandId: string): string {
  return uuidFrom(`integrity-platform:created:${commandId}`);
}

/** The same id for the same name, for a stream that must exist once per name (an account per username). */
export function nameBasedId(kind: string, name: string): string {
  return uuidFrom(`integrity-platform:${kind}:${name}`);
}

function uuidFrom(name: string): string {
  const hash = createHash('sha1').update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
