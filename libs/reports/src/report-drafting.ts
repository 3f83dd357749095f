import { createHash } from 'node:crypto';
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
import { createdIdFor, streamIdOf, versionedCodec, type CommandContext, type CommandHandling, type CommandOutcome, type EventStore } from '@integrity/event-store';
import type { ActiveReadModels } from '@integrity/read-models';
import type { Settings } from '@integrity/platform';
import type { BiweeklyReportBuilder } from './report-builder';
import type { ReportDueRule } from './report-due-rule';

export type ReportChange =
  | { type: 'draft' }
  | { type: 'edit'; texts: { kind: string; summary: string; opinions: string }[] }
  | ({ type: 'approve'; note?: string; hash?: string } & HeadDecisionRecorder)
  | { type: 'submit' };

export const REPORT_CODEC = versionedCodec<BiweeklyReportEvent>(REPORT_EVENT_VERSIONS, upcastReportEvent);

/** SHA-256 of a version's canonical content (reportContent): what the head approved and the AAC receives. */
export const reportHash = (content: string) => createHash('sha256').update(content, 'utf8').digest('hex');
export const REPORT_DECIDER = biweeklyReportDecider(reportHash);

/** One stream per unit and period: `report-<id>`, the id derived from both, so everyone finds the same report. */
export const reportIdFor = (unitId: string, periodStart: string) => createdIdFor(`biweekly-report/${unitId}/${periodStart}`);

/** How long drafting and approval wait for the read models to reach the log's head before answering 503. */
const CATCH_UP_MS = 10_000;

/** Carries a unit's report for a period through its life; its counts come from read models caught up with the log. */
export class ReportDrafting {
  constructor(
    private readonly commands: CommandHandling,
    private readonly builder: BiweeklyReportBuilder,
    private readonly readModels: ActiveReadModels,
    private readonly events: EventStore,
    private readonly dueRule: ReportDueRule,
    private readonly settings: Pick<Settings, 'reportPeriodAnchor'>,
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
      const rows = await this.facts(unitId, period);
      command = { type: 'DraftReport', reportId, unitId, period, rows: rows.map((r) => r.facts), composed: rows.map((r) => r.composed), now };
    } else if (change.type === 'edit') {
      command = { type: 'EditReport', texts: change.texts, now };
    } else if (change.type === 'approve') {
      const rows = (await this.facts(unitId, period)).map((r) => r.facts);
      command = { type: 'ApproveReport', period, byHead: change.byHead, documentNo: change.documentNo, decidedOn: change.decidedOn, note: change.note, seenHash: change.hash, rows, now };
    } else {
      command = { type: 'SubmitReport', now, dueOn: await this.dueRule.dueOn(period) };
    }
    const outcome = await this.commands.handle(streamIdOf('report', reportId), REPORT_DECIDER, REPORT_CODEC, command, { ...context, unitId, now });
    return { id: reportId, outcome };
  }

  /** The period's facts as the log stands now: a case recorded a moment before is in them. */
  private async facts(unitId: string, period: ReportingPeriod) {
    await this.readModels.caughtUpWithLog(this.events, CATCH_UP_MS);
    return this.builder.build(unitId, period);
  }
}
