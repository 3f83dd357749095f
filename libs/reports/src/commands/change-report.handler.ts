import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { invalid } from '@integrity/domain';
import { ReportDrafting } from '../report-drafting';
import { ChangeReportCommand, type ReportCommandResult } from './change-report.command';

@CommandHandler(ChangeReportCommand)
export class ChangeReportHandler implements ICommandHandler<ChangeReportCommand, ReportCommandResult> {
  constructor(private readonly drafting: ReportDrafting) {}

  async execute({ periodStart, change, context }: ChangeReportCommand): Promise<ReportCommandResult> {
    const unitId = context.actor.unitId;
    if (!unitId) throw invalid('UNIT_REQUIRED', 'unitId', 'Only a user of an ethics unit works on its report');
    const { id, outcome } = await this.drafting.change(unitId, periodStart, change, {
      actorId: context.actor.userId,
      correlationId: context.correlationId,
      commandId: context.commandId,
      expectedRevision: context.expectedRevision,
    });
    return { id, revision: outcome.revision, position: outcome.position.toString() };
  }
}
