import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, reflectionDecider, type Clock, type ReflectionCommand } from '@integrity/domain';
import { CommandHandling } from '@integrity/event-store';
import { commandContextOf } from '@integrity/identity';
import { commandResult, type CommandResult } from '../../command-result';
import { authorizeChange, reflectionStream } from '../../reflection-access';
import { ReflectionEventCodec } from '../../reflection-event.codec';
import { UnitDeadlines } from '../../unit-deadlines';
import { ChangeReflectionCommand } from './change-reflection.command';

@CommandHandler(ChangeReflectionCommand)
export class ChangeReflectionHandler implements ICommandHandler<ChangeReflectionCommand, CommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly deadlines: UnitDeadlines,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reflectionId, change, context }: ChangeReflectionCommand): Promise<CommandResult> {
    const now = this.clock.now();
    const outcome = await this.commands.handle(reflectionStream(reflectionId), reflectionDecider, this.codec, { ...change, now, deadlines: await this.deadlines.forUnit(context.actor.unitId ?? '') } as ReflectionCommand, commandContextOf(context, now), {
      authorize: authorizeChange(context.actor),
    });
    return commandResult(reflectionId, outcome);
  }
}
