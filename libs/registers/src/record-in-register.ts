import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, invalid, type Clock, type Decider, type DomainEvent } from '@integrity/domain';
import { CommandHandling, createdIdFor, plainCodec, streamIdOf, type EventCodec } from '@integrity/event-store';
import { commandContextOf, type RequestContext } from '@integrity/identity';
import type { RegisterCategory } from './register-lookup';
import { RegisterLookup } from './register-lookup';

export interface RegisterResult {
  id: string;
  revision: number;
  position: string;
}

/** Creates one entry of a register (a site, an outreach activity, a promotion activity) in its own stream. */
@Injectable()
export class RecordInRegister {
  constructor(
    private readonly commands: CommandHandling,
    private readonly lookup: RegisterLookup,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record<Command, Event extends DomainEvent, State>(
    category: RegisterCategory,
    decider: Decider<Command, Event, State>,
    context: RequestContext,
    siteId: string | undefined,
    command: (id: string, unitId: string, now: Date) => Command,
    codec: EventCodec<Event> = plainCodec<Event>(),
  ): Promise<RegisterResult> {
    const unitId = context.actor.unitId;
    if (!unitId) throw invalid('UNIT_REQUIRED', 'unitId', 'Only a user of an ethics unit records this');
    if (siteId && !(await this.lookup.siteOfUnit(siteId, unitId))) throw invalid('SITE_NOT_FOUND', 'siteId', 'No such platform site in your unit');
    const id = createdIdFor(context.commandId);
    const now = this.clock.now();
    const outcome = await this.commands.handle(streamIdOf(category, id), decider, codec, command(id, unitId, now), commandContextOf(context, now));
    return { id, revision: outcome.revision, position: outcome.position.toString() };
  }
}
