import type { Decider, DomainEvent } from '@integrity/domain';
import { deterministicEventId } from '../deterministic-ids';
import type { NewEvent, RecordedEvent } from '../event-envelope';
import { WrongExpectedRevisionError, type AppendResult, type EventStore } from '../event-store.port';
import type { CommandContext } from './command-context';
import { ConcurrencyConflictError } from './concurrency-conflict.error';
import type { EventCodec } from './event-codec';
import { KeyedLock } from './keyed-lock';

export interface CommandOutcome extends AppendResult {
  /** True when this request had already been carried out, and nothing new was written. */
  replayed: boolean;
}

export interface HandleCommandOptions<State> {
  /** Checks the state before deciding, for example that the stream belongs to the actor's unit. */
  authorize?: (state: State, history: RecordedEvent[]) => void;
}

const MAX_ATTEMPTS = 200;

/**
 * Read, fold, decide, append at the revision read; on a conflict reload and decide again, unless the client
 * stated the revision it saw. A request already carried out (its command id caused events in the stream)
 * answers what it answered the first time.
 */
export class CommandHandling {
  private readonly lock = new KeyedLock();

  constructor(private readonly store: EventStore) {}

  handle<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    codec: EventCodec<Event>,
    command: Command,
    context: CommandContext,
    options: HandleCommandOptions<State> = {},
  ): Promise<CommandOutcome> {
    return this.lock.run(streamId, async () => {
      for (let attempt = 1; ; attempt++) {
        const history = await this.store.readStream(streamId);
        const earlier = history.filter((e) => e.metadata.causationId === context.commandId);
        if (earlier.length > 0) {
          const last = earlier[earlier.length - 1];
          return { revision: last.revision, position: last.position, replayed: true };
        }
        const events = await Promise.all(history.map((recorded) => codec.decode(recorded)));
        const state = events.reduce(decider.evolve, decider.initialState());
        options.authorize?.(state, history);
        const current = history.length - 1;
        if (context.expectedRevision !== undefined && context.expectedRevision !== current) {
          throw new ConcurrencyConflictError(streamId, context.expectedRevision, current);
        }
        const decided = decider.decide(command, state);
        if (decided.length === 0) {
          // Nothing new to record (a decider may find the command already satisfied): the stream stays as it is.
          return { revision: current, position: history[history.length - 1]?.position ?? 0n, replayed: false };
        }
        const toAppend = await this.envelope(decided, codec, context);
        try {
          return { ...(await this.store.append(streamId, toAppend, current < 0 ? 'no_stream' : current)), replayed: false };
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (context.expectedRevision !== undefined) throw new ConcurrencyConflictError(streamId, context.expectedRevision, error.actual);
          if (attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    });
  }

  private envelope<Event extends DomainEvent>(events: Event[], codec: EventCodec<Event>, context: CommandContext): Promise<NewEvent[]> {
    return Promise.all(
      events.map(async (event, index) => ({
        id: deterministicEventId(context.commandId, index),
        type: event.type,
        schemaVersion: codec.schemaVersion(event.type),
        data: await codec.encode(event, context.now),
        // In the hash chain's canonical (sorted) key order, so it is encoded at native speed.
        metadata: {
          actorId: context.actorId,
          causationId: context.commandId,
          correlationId: context.correlationId,
          occurredAt: context.now.toISOString(),
          unitId: context.unitId,
        },
      })),
    );
  }
}
