import {
  biweeklyReportDecider,
  periodStartingOn,
  REPORT_EVENT_VERSIONS,
  upcastReportEvent,
  type BiweeklyReportCommand,
  type BiweeklyReportEvent,
  type Clock,
  type HeadDecisionRecorder,
  type ReportingPeriod,
} from '@integrity/domain';
import { createdIdFor, streamIdOf, versionedCodec, type CommandContext, type CommandHandling, type CommandOutcome } from '@integrity/event-store';
import type { Settings } from '@integrity/platform';
import type { BiweeklyReportBuilder } from './report-builder';

export type ReportChange =
  | { type: 'draft' }
  | { type: 'edit'; texts: { kind: string; summary: string; opinions: string }[] }
  | ({ type: 'approve'; note?: string } & HeadDecisionRecorder)
  | { type: 'submit' };

const REPORT_CODEC = versionedCodec<BiweeklyReportEvent>(REPORT_EVENT_VERSIONS, upcastReportEvent);

/** One stream per unit and period: `report-<id>`, the id derived from both, so everyone finds the same report. */
export const reportIdFor = (unitId: string, periodStart: string) => createdIdFor(`biweekly-report/${unitId}/${periodStart}`);

/** Carries a unit's report for a period through its life; the draft's counts come from the read models. */
export class ReportDrafting {
  constructor(
    private readonly commands: CommandHandling,
    private readonly builder: BiweeklyReportBuilder,
    private readonly settings: Pick<Settings, 'reportPeriodAnchor' | 'reportLateAfterDays'>,
    private readonly clock: Clock,
  ) {}

  period(periodStart: string): ReportingPeriod {
    return periodStartingOn(periodStart, this.settings.reportPeriodAnchor);
  }

  async change(unitId: string, periodStart: string, change: ReportChange, context: Omit<CommandContext, 'now' | 'unitId'>): Promise<{ id: string; outcome: CommandOutcome }> {
    const period = this.period(periodStart);
    const reportId = reportIdFor(unitId, period.start);
    const now = this.clock.now();
    let command: BiweeklyReportCommand;
    if (change.type === 'draft') {
      const rows = await this.builder.build(unitId, period);
      command = { type: 'DraftReport', reportId, unitId, period, rows: rows.map((r) => r.facts), composed: rows.map((r) => r.composed) };
    } else if (change.type === 'edit') {
      command = { type: 'EditReport', texts: change.texts };
    } else if (change.type === 'approve') {
      command = { type: 'ApproveReport', byHead: change.byHead, documentNo: change.documentNo, decidedOn: change.decidedOn, note: change.note, now };
    } else {
      command = { type: 'SubmitReport', now, lateAfterDays: this.settings.reportLateAfterDays };
    }
    const outcome = await this.commands.handle(streamIdOf('report', reportId), biweeklyReportDecider, REPORT_CODEC, command, { ...context, unitId, now });
    return { id: reportId, outcome };
  }
}
