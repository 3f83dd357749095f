import type { EventStore } from '@integrity/event-store';
import { positionOfKey } from './position-key';
import type { ProjectionCheckpoint } from './read-model-set';

/** The problem's stable code, in health and the logs: the read models hold events the log no longer has. */
export const READ_MODELS_AHEAD_OF_LOG = 'READ_MODELS_AHEAD_OF_LOG';

/**
 * Whether the log still holds what the read models applied: the checkpoint not past the log's head, and the last
 * event applied still in its place. A log restored to an earlier point (a backup, a lost WAL
 * file) fails the first check until new events pass the old head, and the second after: either way the events
 * between would be skipped over, so it is reported instead. Answers the problems; none when the log holds them.
 * Read models of another log are the projector's to rebuild, not a problem here.
 */
export async function readModelsAheadOfLog(events: EventStore, checkpoint: ProjectionCheckpoint): Promise<string[]> {
  if (checkpoint.position === '' || (checkpoint.eventLog !== null && checkpoint.eventLog !== (await events.identity()))) return [];
  const applied = positionOfKey(checkpoint.position);
  const last = checkpoint.lastEvent;
  // The event right after the one applied before it must still be the last one applied, at its position: one read
  // of the log (checked before every batch), which checks no stream's chain (damage is reported where it is read).
  const found = last ? (await events.readAll(last.after === '' ? null : positionOfKey(last.after), 1))[0] : undefined;
  if (last && found?.id === last.id && found.position === applied) return [];
  // Not in its place, or not named (a checkpoint from before): the head says whether the log ends before it.
  const head = (await events.headPosition()) ?? 0n;
  if (applied > head) return [`${READ_MODELS_AHEAD_OF_LOG}: the read models have applied events up to position ${applied}, but the log ends at ${head}: the log lost events the read models hold`];
  if (!last) return [];
  return [`${READ_MODELS_AHEAD_OF_LOG}: the last event the read models applied (${last.id}, position ${applied}) is not in its place in the log${found ? ` (event ${found.id} is, at ${found.position})` : ''}: the log was restored to an earlier point`];
}
