import { logPages, type EventStore } from '@integrity/event-store';
import type { ReadModelStore } from '../read-model-store.port';
import { positionOfKey } from './position-key';
import { applyBatch } from './projection-engine';
import { activateGeneration, activeGeneration, ReadModelSet, type ProjectionCheckpoint } from './read-model-set';

/** Where a rebuild says how far it is: the events applied and the share of the log done (a terminal's bar, say). */
export interface RebuildProgress {
  update(events: number, done: number, final?: boolean): void;
}

/**
 * Events folded between writes. Each batch loads what it touches and writes it, its derived documents, the counts
 * and the checkpoint in commits of their own, so fewer, larger batches rebuild faster.
 */
const BATCH = 5000;
/** Readers in other processes notice a new generation within a second; the old one is dropped after that. */
const DROP_OLD_AFTER_MS = 3000;

export interface RebuildOutcome {
  generation: number;
  events: number;
  seconds: number;
}

/**
 * Rebuilds every read model from the event log into a fresh generation and makes it active only once it has
 * caught up with the log, so readers never see a half-built model; then drops the old generation.
 */
export async function rebuildReadModels(events: EventStore, store: ReadModelStore, progress: RebuildProgress | null, now: () => Date): Promise<RebuildOutcome> {
  const started = Date.now();
  const previous = await activeGeneration(store);
  const set = new ReadModelSet(store, previous + 1);
  await set.drop();
  await set.ensureProjectionIndexes();
  let checkpoint: ProjectionCheckpoint = { ...(await set.checkpoint()), eventLog: await events.identity() };
  let applied = 0;
  const after = checkpoint.position === '' ? null : positionOfKey(checkpoint.position);
  for await (const page of logPages(events, { after, pageSize: BATCH })) {
    ({ checkpoint } = await applyBatch(set, page, checkpoint, now()));
    applied += page.length;
    const head = (await events.headPosition()) ?? 0n;
    const position = page[page.length - 1].position;
    progress?.update(applied, head === 0n ? 1 : Number((position * 10_000n) / head) / 10_000);
  }
  progress?.update(applied, 1, true);
  // Indexes made once over the whole generation rather than kept up through every batch (projection writes by _id).
  await set.ensureIndexes();
  await activateGeneration(store, set.generation);
  if (store.sharedAcrossProcesses) await new Promise((resolve) => setTimeout(resolve, DROP_OLD_AFTER_MS));
  await new ReadModelSet(store, previous).drop();
  return { generation: set.generation, events: applied, seconds: (Date.now() - started) / 1000 };
}
