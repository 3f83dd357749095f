import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, reflectionDecider, type Clock } from '@integrity/domain';
import { CommandHandling, EVENT_STORE, type EventStore } from '@integrity/event-store';
import { commandContextOf, PersonalDataVault, SecurityLog } from '@integrity/identity';
import { commandResult, type CommandResult } from '../../command-result';
import { authorizeChange, reflectionStream } from '../../reflection-access';
import { ReflectionEventCodec } from '../../reflection-event.codec';
import { EraseReporterDataCommand } from './erase-reporter-data.command';

/**
 * Records the erasure, then deletes the reporter's key. In that order: if deleting fails, the fact is recorded
 * and a retry of the same request finishes the deletion; the sealed data in the log can never be read again.
 */
@CommandHandler(EraseReporterDataCommand)
export class EraseReporterDataHandler implements ICommandHandler<EraseReporterDataCommand, CommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly vault: PersonalDataVault,
    private readonly securityLog: SecurityLog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reflectionId, reason, context }: EraseReporterDataCommand): Promise<CommandResult> {
    const now = this.clock.now();
    const stream = reflectionStream(reflectionId);
    const outcome = await this.commands.handle(stream, reflectionDecider, this.codec, { type: 'EraseReporterData', reason }, commandContextOf(context, now), {
      authorize: authorizeChange(context.actor),
    });
    const keyId = this.codec.reporterKeyOf(await this.store.readStream(stream));
    if (keyId) await this.vault.erase(keyId);
    if (!outcome.replayed) await this.securityLog.record('reporter_erased', now, { actorId: context.actor.userId, subject: reflectionId });
    return commandResult(reflectionId, outcome);
  }
}
