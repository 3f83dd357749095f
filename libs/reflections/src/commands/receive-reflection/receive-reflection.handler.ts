import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, invalid, reflectionDecider, type Clock } from '@integrity/domain';
import { CommandHandling } from '@integrity/event-store';
import { commandContextOf } from '@integrity/identity';
import { RegisterLookup } from '@integrity/registers';
import { commandResult, type CommandResult } from '../../command-result';
import { reflectionStream } from '../../reflection-access';
import { ReflectionEventCodec } from '../../reflection-event.codec';
import { UnitDeadlines } from '../../unit-deadlines';
import { ReceiveReflectionCommand } from './receive-reflection.command';

@CommandHandler(ReceiveReflectionCommand)
export class ReceiveReflectionHandler implements ICommandHandler<ReceiveReflectionCommand, CommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly registers: RegisterLookup,
    private readonly deadlines: UnitDeadlines,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reflectionId, form, context }: ReceiveReflectionCommand): Promise<CommandResult> {
    const unitId = context.actor.unitId;
    if (!unitId) throw invalid('UNIT_REQUIRED', 'unitId', 'Only a user of an ethics unit records reflections');
    if (form.siteId && !(await this.registers.siteOfUnit(form.siteId, unitId))) {
      throw invalid('SITE_NOT_FOUND', 'siteId', 'No such platform site in your unit');
    }
    if (form.outreachId && !(await this.registers.outreachOfUnit(form.outreachId, unitId))) {
      throw invalid('OUTREACH_NOT_FOUND', 'outreachId', 'No such outreach activity in your unit');
    }
    const now = this.clock.now();
    const outcome = await this.commands.handle(
      reflectionStream(reflectionId),
      reflectionDecider,
      this.codec,
      { type: 'ReceiveReflection', reflectionId, unitId, ...form, now, deadlines: await this.deadlines.forUnit(unitId) },
      commandContextOf(context, now),
    );
    return commandResult(reflectionId, outcome);
  }
}
