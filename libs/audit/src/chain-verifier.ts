import { eventHash, GENESIS_HASH, type EventStore, type RecordedEvent } from '@integrity/event-store';
import { checkpointOf, CHECKPOINT_STREAM, merkleRoot, recordedHeads, type StreamHead } from './audit-checkpoint';
import { recordedCheckpoint } from './audit-checkpoint-recorder';

const PAGE = 2000;

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
  | 'unchained';

export interface Broken {
  streamId: string;
  revision: number;
  reason: BrokenReason;
}

export interface Verification {
  ok: boolean;
  events: number;
  streams: number;
  checkpoint: { position: string; root: string; recordedAt: string; reason: string; matches: boolean } | null;
  firstBroken?: Broken;
}

export type VerificationProgress = (events: number, position: bigint) => void;

/**
 * Recomputes every stream's chain from the whole log, in log order, and the latest checkpoint's heads and root
 * against the log as it stood at that checkpoint.
 */
export async function verifyChains(store: EventStore, progress?: VerificationProgress): Promise<Verification> {
  const checkpointEvents = await store.readStream(CHECKPOINT_STREAM);
  const latest = checkpointEvents.length ? recordedCheckpoint(checkpointEvents[checkpointEvents.length - 1]) : null;
  const coveredUpTo = latest ? BigInt(latest.position) : null;
  const heads = new Map<string, StreamHead>();
  let firstBroken: Broken | undefined;
  let checkpointBroken: Broken | null | undefined;
  let checkpointMatches = false;
  let events = 0;
  const broken = (found: Broken) => (firstBroken ??= found);

  /** The log as it stood at the checkpoint, against what the checkpoints recorded. */
  const compareWithCheckpoint = () => {
    if (!latest || checkpointBroken !== undefined) return;
    const actual = new Map([...heads].filter(([streamId]) => streamId !== CHECKPOINT_STREAM));
    checkpointBroken = null;
    for (const [streamId, recorded] of recordedHeads(checkpointEvents.map(checkpointOf))) {
      const head = actual.get(streamId);
      if (!head) checkpointBroken ??= { streamId, revision: recorded.revision, reason: 'stream_missing' };
      else if (head.revision < recorded.revision) checkpointBroken ??= { streamId, revision: head.revision + 1, reason: 'event_missing' };
      else if (head.revision === recorded.revision && head.hash !== recorded.hash) checkpointBroken ??= { streamId, revision: head.revision, reason: 'checkpoint_mismatch' };
    }
    checkpointMatches = checkpointBroken === null && merkleRoot(actual) === latest.root;
    if (!checkpointMatches) checkpointBroken ??= { streamId: CHECKPOINT_STREAM, revision: checkpointEvents.length - 1, reason: 'checkpoint_mismatch' };
  };

  let after: bigint | null = null;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll(after, PAGE);
    if (page.length === 0) break;
    for (const event of page) {
      if (coveredUpTo !== null && event.position > coveredUpTo) compareWithCheckpoint();
      events++;
      const head = heads.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      const at = { streamId: event.streamId, revision: event.revision };
      if (event.revision <= head.revision) {
        // A revision the stream passed already: an event moved later in the log than the ones after it.
        if (firstBroken?.streamId === event.streamId && firstBroken.revision === event.revision && firstBroken.reason === 'event_missing') firstBroken.reason = 'out_of_order';
        broken({ ...at, reason: 'out_of_order' });
        continue;
      }
      if (event.revision > head.revision + 1) broken({ streamId: event.streamId, revision: head.revision + 1, reason: 'event_missing' });
      else if (!event.chain) broken({ ...at, reason: 'unchained' });
      else if (event.chain.prevHash !== head.hash) broken({ ...at, reason: 'chain_broken' });
      else if (eventHash(event, event.chain.prevHash) !== event.chain.hash) broken({ ...at, reason: 'hash_mismatch' });
      heads.set(event.streamId, { revision: event.revision, hash: event.chain?.hash ?? eventHash(event, head.hash) });
    }
    after = page[page.length - 1].position;
    progress?.(events, after);
  }
  compareWithCheckpoint();
  if (checkpointBroken) broken(checkpointBroken);
  return {
    ok: firstBroken === undefined,
    events,
    streams: heads.size,
    checkpoint: latest && { position: latest.position, root: latest.root, recordedAt: latest.recordedAt, reason: latest.reason, matches: checkpointMatches },
    ...(firstBroken ? { firstBroken } : {}),
  };
}
