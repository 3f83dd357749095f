import { verifyChains } from '@integrity/audit';
import { logPages, type EventStore, type RecordedEvent } from '@integrity/event-store';
import type { PersonalDataKeyStore } from '@integrity/identity';
import { rebuildReadModels, type ReadModelStore } from '@integrity/read-models';

const PAGE = 1000;

export interface Stores {
  events: EventStore;
  keys: PersonalDataKeyStore;
}

export interface MigrationOutcome {
  events: { total: number; copied: number; alreadyThere: number };
  streams: number;
  keys: { total: number; copied: number; alreadyThere: number };
  /** Events the target's rebuilt read models were projected from; null on a dry run. */
  rebuilt: { generation: number; events: number } | null;
  /** The target's chains and latest checkpoint as verified after the copy; null on a dry run. */
  verified: { events: number; streams: number; checkpoint: { root: string; recordedAt: string } | null } | null;
}

/** A target stream holding other events than the source's at the same revisions: nothing is overwritten. */
export class MigrationConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationConflictError';
  }
}

/** The copy was made but does not verify: the target is not to be used. */
export class MigrationVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationVerificationError';
  }
}

/**
 * Copies one log and its personal-data keys into other stores, verifies the target's chains and checkpoints, then rebuilds the read models there. Every event
 * keeps its id, type, data and metadata, in log order, appended at the revision it has in the source, so the target's
 * hash chain is the source's and a re-run finds what is there (same id at the same revision) and skips it. A dry
 * run counts and writes nothing.
 */
export async function migrateStores(source: Stores, target: Stores & { readModels: ReadModelStore }, options: { dryRun: boolean; now: () => Date }): Promise<MigrationOutcome> {
  const outcome: MigrationOutcome = { events: { total: 0, copied: 0, alreadyThere: 0 }, streams: 0, keys: { total: 0, copied: 0, alreadyThere: 0 }, rebuilt: null, verified: null };
  /** The ids each target stream holds, by revision: read once per stream, kept up as copies are appended. */
  const targetStreams = new Map<string, string[]>();
  const inTarget = async (streamId: string) => {
    let ids = targetStreams.get(streamId);
    if (!ids) targetStreams.set(streamId, (ids = (await target.events.readStream(streamId)).map((event) => event.id)));
    return ids;
  };

  // Keys first: a log whose events arrived without their keys would show reporters that cannot be read.
  // The keys move with the key store's identity, which the copied log names: the target is that key store now.
  const identity = await source.keys.identity();
  if (identity !== null && !options.dryRun) {
    const theirs = await target.keys.identity();
    if (theirs !== null && theirs !== identity) throw new MigrationConflictError(`The target's key store is ${theirs}, not the source's ${identity}: nothing was overwritten`);
    await target.keys.adopt(identity);
  }
  for (const key of await source.keys.all()) {
    outcome.keys.total++;
    const present = await target.keys.get(key.keyId);
    if (present && !present.equals(key.key)) throw new MigrationConflictError(`The target holds another key under ${key.keyId}: nothing was overwritten`);
    if (present) outcome.keys.alreadyThere++;
    else {
      if (!options.dryRun) await target.keys.put(key.keyId, key.key, key.createdAt);
      outcome.keys.copied++;
    }
  }

  for await (const page of logPages(source.events, { pageSize: PAGE })) {
    for (const run of runsByStream(page)) {
      const there = await inTarget(run[0].streamId);
      const missing = run.filter((event) => {
        const present = there[event.revision];
        if (present !== undefined && present !== event.id) throw new MigrationConflictError(`Stream ${event.streamId} in the target holds event ${present} at revision ${event.revision}, not ${event.id}: the target is another log; nothing was overwritten`);
        return present === undefined;
      });
      outcome.events.total += run.length;
      outcome.events.alreadyThere += run.length - missing.length;
      if (options.dryRun) outcome.events.copied += missing.length;
      if (options.dryRun || missing.length === 0) continue;
      if (missing[0].revision !== there.length) throw new MigrationConflictError(`Stream ${missing[0].streamId} in the target ends at revision ${there.length - 1}, before the source's ${missing[0].revision}`);
      const copies = missing.map(({ id, type, schemaVersion, data, metadata }) => ({ id, type, schemaVersion, data, metadata }));
      await target.events.append(missing[0].streamId, copies, there.length === 0 ? 'no_stream' : there.length - 1);
      there.push(...missing.map((event) => event.id));
      outcome.events.copied += missing.length;
    }
  }
  outcome.streams = targetStreams.size;

  if (!options.dryRun) {
    // The copy must verify as the source did: every stream's chain, and every checkpoint the AAC may hold a root of.
    const verdict = await verifyChains(target.events);
    if (!verdict.ok) throw new MigrationVerificationError(`The target's log does not verify: ${verdict.firstBroken?.reason} in ${verdict.firstBroken?.streamId} at revision ${verdict.firstBroken?.revision}`);
    outcome.verified = { events: verdict.events, streams: verdict.streams, checkpoint: verdict.checkpoint ? { root: verdict.checkpoint.root, recordedAt: verdict.checkpoint.recordedAt } : null };
    const rebuilt = await rebuildReadModels(target.events, target.readModels, null, options.now);
    outcome.rebuilt = { generation: rebuilt.generation, events: rebuilt.events };
  }
  return outcome;
}

/** Consecutive events of one stream, appended together. */
function runsByStream(events: RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last[0].streamId === event.streamId) last.push(event);
    else runs.push([event]);
  }
  return runs;
}
