import type { RecordedEvent } from '../event-envelope';
import { eventHash, GENESIS_HASH } from './event-hash';

/** A stream's last event as its chain goes on from it: its revision and hash. */
export interface ChainHead {
  revision: number;
  hash: string;
}

/** Why a chain does not hold: the first problem met, in log order. */
export type BrokenReason =
  /** The event's hash is not the hash of what it holds: it was changed after it was recorded. */
  | 'hash_mismatch'
  /** The event does not follow the hash of the event before it in its stream. */
  | 'chain_broken'
  /** A revision of the stream is not in the log. */
  | 'event_missing'
  /** The stream's events are not in the log in revision order. */
  | 'out_of_order'
  /** A stream the latest checkpoint recorded is not in the log. */
  | 'stream_missing'
  /** The streams' heads do not give the latest checkpoint's root. */
  | 'checkpoint_mismatch'
  /** An event without a chain (recorded before it existed, and not migrated). */
  | 'unchained'
  /** The receipt asked about is the root of no checkpoint in the log. */
  | 'receipt_unknown';

export interface Broken {
  streamId: string;
  revision: number;
  reason: BrokenReason;
}

/** What is wrong with an event that follows `head` in its stream (a later revision, at least), or null. */
export function chainProblem(event: RecordedEvent, head: ChainHead): Broken | null {
  const at = { streamId: event.streamId, revision: event.revision };
  if (event.revision > head.revision + 1) return { streamId: event.streamId, revision: head.revision + 1, reason: 'event_missing' };
  if (!event.chain) return { ...at, reason: 'unchained' };
  if (event.chain.prevHash !== head.hash) return { ...at, reason: 'chain_broken' };
  if (eventHash(event, event.chain.prevHash) !== event.chain.hash) return { ...at, reason: 'hash_mismatch' };
  return null;
}

/** One stream's chain, read on its own (in revision order): its first problem, or null. */
export function streamProblem(events: RecordedEvent[]): Broken | null {
  let head: ChainHead = { revision: -1, hash: GENESIS_HASH };
  for (const event of events) {
    const problem = chainProblem(event, head);
    if (problem) return problem;
    head = { revision: event.revision, hash: event.chain?.hash ?? '' };
  }
  return null;
}
