import { randomUUID } from 'node:crypto';
import { eventHash, GENESIS_HASH, logPages, WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@integrity/event-store';
import { asData, checkpointOf, CHECKPOINT_RECORDED, CHECKPOINT_SCHEMA_VERSION, CHECKPOINT_STREAM, merkleRoot, recordedHeads, type AuditCheckpoint, type CheckpointReason, type StreamHead } from './audit-checkpoint';

const PAGE = 2000;
const ATTEMPTS = 5;

export interface RecordedCheckpoint extends AuditCheckpoint {
  /** When it was recorded, and where in the log (its own position). */
  recordedAt: string;
  checkpointPosition: string;
}

export const recordedCheckpoint = (event: RecordedEvent): RecordedCheckpoint => ({ ...checkpointOf(event), recordedAt: event.metadata.occurredAt, checkpointPosition: event.position.toString() });

/** The last of the checkpoint stream's events, read already; null before the first checkpoint. */
export function latestCheckpoint(stream: RecordedEvent[]): RecordedCheckpoint | null {
  const last = stream[stream.length - 1];
  return last ? recordedCheckpoint(last) : null;
}

/**
 * Records AuditCheckpointRecorded: the heads of every stream up to now folded onto those of the last checkpoint,
 * their Merkle root, and the heads that changed. The log is read from where this recorder's last scan of it ended
 * (remembered per log, never written into an event); the first checkpoint of a process reads it whole, counting
 * only the revisions the checkpoints do not already hold.
 */
export class AuditCheckpointRecorder {
  /** Where the last scan ended, by the identity of the log it scanned. */
  private readonly scannedTo = new Map<string, bigint>();

  constructor(private readonly events: EventStore) {}

  async latest(): Promise<RecordedCheckpoint | null> {
    return latestCheckpoint(await this.events.readStream(CHECKPOINT_STREAM));
  }

  /** A new checkpoint; with nothing new since the last one and no need to say so (`scheduled`), the last one. */
  async record(reason: CheckpointReason, by: { actorId: string; unitId: string | null; at: Date }, reportIds: string[] = []): Promise<RecordedCheckpoint> {
    for (let attempt = 1; ; attempt++) {
      const stream = await this.events.readStream(CHECKPOINT_STREAM);
      const previous = stream.map(checkpointOf);
      const heads = recordedHeads(previous);
      const last = previous[previous.length - 1];
      const changed = new Map<string, StreamHead>();
      const log = await this.events.identity();
      let after: bigint | null = this.scannedTo.get(log) ?? null;
      let events = last?.events ?? 0;
      for await (const page of logPages(this.events, { after, pageSize: PAGE })) {
        for (const event of page) {
          const held = heads.get(event.streamId);
          // A revision a checkpoint already holds was counted then (a scan that starts over meets it again).
          if (event.streamId === CHECKPOINT_STREAM || (held && held.revision >= event.revision)) continue;
          const head = { revision: event.revision, hash: event.chain?.hash ?? eventHash(event, held?.hash ?? GENESIS_HASH) };
          heads.set(event.streamId, head);
          changed.set(event.streamId, head);
          events++;
        }
        after = page[page.length - 1].position;
      }
      if (after !== null) this.scannedTo.set(log, after);
      if (last && changed.size === 0 && reason === 'scheduled') return recordedCheckpoint(stream[stream.length - 1]);
      const checkpoint: AuditCheckpoint = {
        root: merkleRoot(heads),
        events,
        streams: heads.size,
        reason,
        changedHeads: [...changed.entries()].map(([streamId, head]) => [streamId, head.revision, head.hash]),
        ...(reportIds.length ? { reportIds } : {}),
      };
      const event = { id: randomUUID(), type: CHECKPOINT_RECORDED, schemaVersion: CHECKPOINT_SCHEMA_VERSION, data: asData(checkpoint), metadata: { actorId: by.actorId, unitId: by.unitId, correlationId: randomUUID(), causationId: null, occurredAt: by.at.toISOString() } };
      try {
        const { position } = await this.events.append(CHECKPOINT_STREAM, [event], stream.length === 0 ? 'no_stream' : stream.length - 1);
        return { ...checkpoint, recordedAt: by.at.toISOString(), checkpointPosition: position.toString() };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
