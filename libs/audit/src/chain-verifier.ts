import { chainProblem, eventHash, GENESIS_HASH, logPages, type Broken, type EventStore } from '@integrity/event-store';
import { checkpointOf, CHECKPOINT_STREAM, merkleRoot, recordedHeads, type StreamHead } from './audit-checkpoint';
import { latestCheckpoint } from './audit-checkpoint-recorder';

const PAGE = 2000;

export interface Verification {
  ok: boolean;
  events: number;
  streams: number;
  checkpoint: { root: string; events: number; recordedAt: string; reason: string; matches: boolean } | null;
  /** When a receipt was given: whether a checkpoint in the log has that root, and whether the log still agrees with it. */
  receipt?: { root: string; found: boolean; matches: boolean };
  firstBroken?: Broken;
}

export type VerificationProgress = (events: number, position: bigint) => void;

export interface VerifyOptions {
  progress?: VerificationProgress;
  /** A root the AAC holds (a submitted report's receipt): its checkpoint must be in the log and still agree with it. */
  receipt?: string;
  /**
   * The log is a unit's export, holding its own streams and the checkpoints: a stream it does not hold is taken as
   * the checkpoints recorded it (the root is still computed over every head), and each stream it holds is checked.
   */
  partial?: boolean;
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

  // The checkpoints to hold against the log: the latest, and the receipt's. Each recorded head must be in the log,
  // its stream's chain holding up to it with the hash recorded: stream by stream, whatever the log's positions.
  const receiptIndex = options.receipt === undefined ? -1 : checkpoints.findIndex((checkpoint) => checkpoint.root === options.receipt);
  if (options.receipt !== undefined && receiptIndex < 0) broken({ streamId: CHECKPOINT_STREAM, revision: -1, reason: 'receipt_unknown' });
  const targets = [...new Set([receiptIndex, checkpoints.length - 1].filter((index) => index >= 0))].sort((a, b) => a - b);
  const targetHeads = new Map(targets.map((index) => [index, recordedHeads(checkpoints.slice(0, index + 1))]));
  /** The hash each recorded head's revision has in the log, as the scan meets it: `<stream>#<revision>`. */
  const wanted = new Set([...targetHeads.values()].flatMap((recorded) => [...recorded].map(([streamId, head]) => `${streamId}#${head.revision}`)));
  const seen = new Map<string, string>();

  let events = 0;
  for await (const page of logPages(store, { pageSize: PAGE })) {
    for (const event of page) {
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
      const hash = event.chain?.hash ?? eventHash(event, head.hash);
      heads.set(event.streamId, { revision: event.revision, hash });
      const key = `${event.streamId}#${event.revision}`;
      if (wanted.has(key)) seen.set(key, hash);
    }
    options.progress?.(events, page[page.length - 1].position);
  }
  const agreed = new Map<number, boolean>();
  for (const index of targets) {
    const recorded = targetHeads.get(index) as Map<string, StreamHead>;
    let found: Broken | null = null;
    for (const [streamId, head] of recorded) {
      const hash = seen.get(`${streamId}#${head.revision}`);
      if (hash === undefined && options.partial && !heads.has(streamId)) continue;
      if (hash === undefined) found ??= { streamId, revision: head.revision, reason: heads.has(streamId) ? 'event_missing' : 'stream_missing' };
      else if (hash !== head.hash) found ??= { streamId, revision: head.revision, reason: 'checkpoint_mismatch' };
    }
    // The root must be the one of the heads it names: a checkpoint edited after it was recorded does not agree.
    if (!found && merkleRoot(recorded) !== checkpoints[index].root) found = { streamId: CHECKPOINT_STREAM, revision: index, reason: 'checkpoint_mismatch' };
    agreed.set(index, found === null);
    if (found) broken(found);
  }
  return {
    ok: firstBroken === undefined,
    events,
    streams: heads.size,
    checkpoint: latest && { root: latest.root, events: latest.events, recordedAt: latest.recordedAt, reason: latest.reason, matches: agreed.get(checkpoints.length - 1) === true },
    ...(options.receipt !== undefined ? { receipt: { root: options.receipt, found: receiptIndex >= 0, matches: agreed.get(receiptIndex) === true } } : {}),
    ...(firstBroken ? { firstBroken } : {}),
  };
}
