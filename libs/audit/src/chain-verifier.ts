import { chainProblem, eventHash, GENESIS_HASH, type Broken, type EventStore, type RecordedEvent } from '@integrity/event-store';
import { checkpointOf, CHECKPOINT_STREAM, merkleRoot, recordedHeads, type StreamHead } from './audit-checkpoint';
import { latestCheckpoint } from './audit-checkpoint-recorder';

const PAGE = 2000;

export interface Verification {
  ok: boolean;
  events: number;
  streams: number;
  checkpoint: { position: string; root: string; recordedAt: string; reason: string; matches: boolean } | null;
  /** When a receipt was given: whether a checkpoint in the log has that root, and whether the log still agrees with it. */
  receipt?: { root: string; found: boolean; matches: boolean };
  firstBroken?: Broken;
}

export type VerificationProgress = (events: number, position: bigint) => void;

export interface VerifyOptions {
  progress?: VerificationProgress;
  /** A root the AAC holds (a submitted report's receipt): its checkpoint must be in the log and still agree with it. */
  receipt?: string;
}

/**
 * Recomputes every stream's chain from the whole log, in log order, and the latest checkpoint's heads and root
 * (and a receipt's, when given) against the log as it stood at that checkpoint.
 */
export async function verifyChains(store: EventStore, options: VerifyOptions = {}): Promise<Verification> {
  const checkpointEvents = await store.readStream(CHECKPOINT_STREAM);
  const checkpoints = checkpointEvents.map(checkpointOf);
  const latest = latestCheckpoint(checkpointEvents);
  const heads = new Map<string, StreamHead>();
  let firstBroken: Broken | undefined;
  const broken = (found: Broken) => (firstBroken ??= found);

  // The checkpoints to hold against the log: the latest, and the receipt's. Each is compared when the scan passes it.
  const receiptIndex = options.receipt === undefined ? -1 : checkpoints.findIndex((checkpoint) => checkpoint.root === options.receipt);
  if (options.receipt !== undefined && receiptIndex < 0) broken({ streamId: CHECKPOINT_STREAM, revision: -1, reason: 'receipt_unknown' });
  const targets = [...new Set([receiptIndex, checkpoints.length - 1].filter((index) => index >= 0))].sort((a, b) => a - b);
  const agreed = new Map<number, boolean>();
  const compare = (index: number) => {
    const checkpoint = checkpoints[index];
    const actual = new Map([...heads].filter(([streamId]) => streamId !== CHECKPOINT_STREAM));
    let found: Broken | null = null;
    for (const [streamId, recorded] of recordedHeads(checkpoints.slice(0, index + 1))) {
      const head = actual.get(streamId);
      if (!head) found ??= { streamId, revision: recorded.revision, reason: 'stream_missing' };
      else if (head.revision < recorded.revision) found ??= { streamId, revision: head.revision + 1, reason: 'event_missing' };
      else if (head.revision === recorded.revision && head.hash !== recorded.hash) found ??= { streamId, revision: head.revision, reason: 'checkpoint_mismatch' };
    }
    if (!found && merkleRoot(actual) !== checkpoint.root) found = { streamId: CHECKPOINT_STREAM, revision: index, reason: 'checkpoint_mismatch' };
    agreed.set(index, found === null);
    return found;
  };
  const checkpointProblems: Broken[] = [];
  let next = 0;

  let events = 0;
  let after: bigint | null = null;
  for (;;) {
    const page: RecordedEvent[] = await store.readAll(after, PAGE);
    if (page.length === 0) break;
    for (const event of page) {
      while (next < targets.length && event.position > BigInt(checkpoints[targets[next]].position)) {
        const found = compare(targets[next++]);
        if (found) checkpointProblems.push(found);
      }
      events++;
      const head = heads.get(event.streamId) ?? { revision: -1, hash: GENESIS_HASH };
      const at = { streamId: event.streamId, revision: event.revision };
      if (event.revision <= head.revision) {
        // A revision the stream passed already: an event moved later in the log than the ones after it.
        if (firstBroken?.streamId === event.streamId && firstBroken.revision === event.revision && firstBroken.reason === 'event_missing') firstBroken.reason = 'out_of_order';
        broken({ ...at, reason: 'out_of_order' });
        continue;
      }
      const problem = chainProblem(event, head);
      if (problem) broken(problem);
      heads.set(event.streamId, { revision: event.revision, hash: event.chain?.hash ?? eventHash(event, head.hash) });
    }
    after = page[page.length - 1].position;
    options.progress?.(events, after);
  }
  while (next < targets.length) {
    const found = compare(targets[next++]);
    if (found) checkpointProblems.push(found);
  }
  for (const found of checkpointProblems) broken(found);
  return {
    ok: firstBroken === undefined,
    events,
    streams: heads.size,
    checkpoint: latest && { position: latest.position, root: latest.root, recordedAt: latest.recordedAt, reason: latest.reason, matches: agreed.get(checkpoints.length - 1) === true },
    ...(options.receipt !== undefined ? { receipt: { root: options.receipt, found: receiptIndex >= 0, matches: agreed.get(receiptIndex) === true } } : {}),
    ...(firstBroken ? { firstBroken } : {}),
  };
}
