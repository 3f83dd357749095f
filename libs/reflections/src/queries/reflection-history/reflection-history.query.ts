import { Query } from '@nestjs/cqrs';
import type { Actor } from '@integrity/identity';
import type { ReadUntil } from '@integrity/platform';

export interface HistoryEntry {
  type: string;
  revision: number;
  position: string;
  occurredAt: string;
  actor: string;
  actorName: string | null;
  correlationId: string;
  /** The event's data as recorded (the reporter disclosed or redacted for this reader). */
  data: Record<string, unknown>;
}

/** Every event of a reflection (up to an instant, when asked), for the supervisor's audit: who, when, what. */
export class ReflectionHistoryQuery extends Query<{ events: HistoryEntry[] }> {
  constructor(
    readonly reflectionId: string,
    readonly actor: Actor,
    readonly until: ReadUntil | null = null,
  ) {
    super();
  }
}
