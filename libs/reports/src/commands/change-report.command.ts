import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@integrity/identity';
import type { ReportChange } from '../report-drafting';

export interface ReportCommandResult {
  id: string;
  revision: number;
  position: string;
}

/** A step of a unit's biweekly report: draft, edit, approve, submit. */
export class ChangeReportCommand extends Command<ReportCommandResult> {
  constructor(
    readonly periodStart: string,
    readonly change: ReportChange,
    readonly context: RequestContext,
  ) {
    super();
  }
}
