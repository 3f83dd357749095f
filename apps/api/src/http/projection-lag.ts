import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@integrity/domain';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { ActiveReadModels, positionOfKey } from '@integrity/read-models';

export interface ProjectionLag {
  generation: number;
  position: string | null;
  headPosition: string | null;
  caughtUp: boolean;
  /** How long the oldest event not yet projected has waited; 0 when caught up. */
  lagSeconds: number;
  eventsApplied: number;
  skippedUnknownEvents: number;
}

/** How far the read models trail the event log, for /health and /metrics. */
@Injectable()
export class ProjectionLagProbe {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly readModels: ActiveReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async measure(): Promise<ProjectionLag> {
    const set = await this.readModels.current();
    const checkpoint = await set.checkpoint();
    const position = checkpoint.position === '' ? null : positionOfKey(checkpoint.position);
    // The projector applies every event of the log, so where it stands is compared with where the log ends: no
    // scanning, and one read more (the oldest event waiting) only when it trails.
    const head = await this.eventStore.headPosition();
    const caughtUp = head === null || (position !== null && position >= head);
    const [next] = caughtUp ? [] : await this.eventStore.readAll(position, 1);
    return {
      generation: set.generation,
      position: position?.toString() ?? null,
      headPosition: head?.toString() ?? null,
      caughtUp,
      lagSeconds: next ? Math.max(0, (this.clock.now().getTime() - Date.parse(next.metadata.occurredAt)) / 1000) : 0,
      eventsApplied: checkpoint.eventsApplied,
      skippedUnknownEvents: checkpoint.skippedUnknown,
    };
  }
}
