import type { ChainHead } from '@integrity/event-store';
import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH, nameBasedId, type JsonObject, type RecordedEvent } from '@integrity/event-store';

/** Every checkpoint in one stream, chained like any other. */
export const CHECKPOINT_STREAM = `auditcheckpoint-${nameBasedId('audit', 'checkpoints')}`;
export const CHECKPOINT_RECORDED = 'AuditCheckpointRecorded';

/** A stream's last event: its revision and hash. */
export type StreamHead = ChainHead;

export type CheckpointReason = 'scheduled' | 'report_submitted' | 'on_request';

/**
 * What an AuditCheckpointRecorded event holds: the Merkle root over every stream's head (checkpoints excluded),
 * and the heads that changed since the checkpoint before it, so the heads of any checkpoint can be told from the
 * checkpoints alone (a stream deleted later is then named). No log position: positions belong to one log, and a
 * checkpoint verifies the same in the log it was recorded in and in any log the events were moved to (version 2;
 * version 1 also named the position its scan ended at, which is read past).
 */
export interface AuditCheckpoint {
  root: string;
  events: number;
  streams: number;
  reason: CheckpointReason;
  /** [streamId, revision, hash] of each head that changed since the previous checkpoint. */
  changedHeads: [string, number, string][];
  /** For `report_submitted`: the reports whose submission it covers; each carries its root as the AAC's receipt. */
  reportIds?: string[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The Merkle root over the heads, each leaf the hash of [streamId, revision, hash], in stream id order. */
export function merkleRoot(heads: Map<string, StreamHead>): string {
  let level = [...heads.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([streamId, head]) => sha256(canonicalJson([streamId, head.revision, head.hash])));
  if (level.length === 0) return GENESIS_HASH;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(sha256(level[i] + (level[i + 1] ?? level[i])));
    level = next;
  }
  return level[0];
}

export const CHECKPOINT_SCHEMA_VERSION = 2;

/** A checkpoint event's data in its current shape: a version 1 checkpoint's log position is left out. */
export function checkpointOf(event: RecordedEvent): AuditCheckpoint {
  const { position: _position, ...checkpoint } = event.data as unknown as AuditCheckpoint & { position?: string };
  return checkpoint;
}

/** The heads as the checkpoints recorded them, up to and including the last one given. */
export function recordedHeads(checkpoints: AuditCheckpoint[]): Map<string, StreamHead> {
  const heads = new Map<string, StreamHead>();
  for (const checkpoint of checkpoints) for (const [streamId, revision, hash] of checkpoint.changedHeads) heads.set(streamId, { revision, hash });
  return heads;
}

export const asData = (checkpoint: AuditCheckpoint) => checkpoint as unknown as JsonObject;
