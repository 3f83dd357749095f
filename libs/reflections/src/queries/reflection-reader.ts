import { Inject, Injectable } from '@nestjs/common';
import { reflectionDecider, type ReflectionEvent, type ReflectionState } from '@integrity/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@integrity/event-store';
import type { Actor } from '@integrity/identity';
import { canSee, reflectionNotFound, reflectionStream } from '../reflection-access';
import { ReflectionEventCodec } from '../reflection-event.codec';

export interface ReadReflection {
  history: RecordedEvent[];
  events: ReflectionEvent[];
  state: ReflectionState;
}

/** Reads and folds one reflection's stream for someone allowed to see it; anyone else gets a 404. */
@Injectable()
export class ReflectionReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly codec: ReflectionEventCodec,
  ) {}

  async read(reflectionId: string, actor: Actor): Promise<ReadReflection> {
    const history = await this.store.readStream(reflectionStream(reflectionId));
    const events = await Promise.all(history.map((recorded) => this.codec.decode(recorded)));
    const state = events.reduce(reflectionDecider.evolve, reflectionDecider.initialState());
    if (!canSee(actor, state)) throw reflectionNotFound();
    return { history, events, state };
  }

}
