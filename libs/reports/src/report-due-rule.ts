import { addWorkingDays, type OfficeCalendar, type ReportingPeriod } from '@integrity/domain';
import { nameBasedId, type EventStore } from '@integrity/event-store';
import type { IdentityLog, RecordedBy } from '@integrity/identity';

/** One stream for the programme: the AAC's rule, as facts in the log. */
const STREAM = `reportduerule-${nameBasedId('report-due-rule', 'programme')}`;

/**
 * How many working days after its period ends a unit's report is due (玖.四: every two weeks to the AAC). The AAC
 * sets it (ReportDueRuleSet); until it does, REPORT_DUE_WORKING_DAYS holds.
 */
export class ReportDueRule {
  constructor(
    private readonly events: EventStore,
    private readonly log: IdentityLog,
    private readonly defaultWorkingDays: number,
    private readonly calendar: OfficeCalendar,
  ) {}

  /** The last day the period's report is on time: the rule's working days after the period, on the office calendar. */
  async dueOn(period: ReportingPeriod): Promise<string> {
    return addWorkingDays(period.end, await this.workingDays(), this.calendar);
  }

  async workingDays(): Promise<number> {
    const history = await this.events.readStream(STREAM);
    const last = history[history.length - 1];
    return last ? (last.data.workingDays as number) : this.defaultWorkingDays;
  }

  set(workingDays: number, by: RecordedBy): Promise<void> {
    return this.log.record(STREAM, 'ReportDueRuleSet', { workingDays }, 'any', by);
  }
}
