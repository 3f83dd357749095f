import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { addDays, CLOCK, periodOf, taipeiDateOf, type Clock } from '@integrity/domain';
import { FOLLOW_UP_QUEUE, type FollowUpQueue } from '@integrity/follow-up';
import { activeFromOf, UnitRegister } from '@integrity/identity';
import { SETTINGS, type Settings } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { reportIdFor, ReportDrafting } from '@integrity/reports';

const EVERY_MS = 60 * 60 * 1000;

/**
 * The biweekly cycle: when a reporting period has ended, every unit's report for it is drafted. It looks at
 * every ended period since the unit started (activeFrom), so a period missed during an outage is drafted on the next
 * run; the command id is fixed per report, so no report is ever drafted twice by the cycle.
 */
@Injectable()
export class BiweeklyCycle implements OnApplicationBootstrap {
  private readonly logger = new Logger('BiweeklyCycle');

  constructor(
    @Inject(FOLLOW_UP_QUEUE) private readonly queue: FollowUpQueue,
    private readonly drafting: ReportDrafting,
    private readonly units: UnitRegister,
    private readonly readModels: ActiveReadModels,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.repeat('biweekly-drafts', EVERY_MS, () => this.draftEndedPeriods().then(() => undefined));
  }

  /** Drafts each report of an ended period that nobody drafted yet; answers how many it drafted. */
  async draftEndedPeriods(): Promise<number> {
    const anchor = this.settings.reportPeriodAnchor;
    const lastEnded = periodOf(addDays(periodOf(taipeiDateOf(this.clock.now()), anchor).start, -1), anchor);
    const reports = (await this.readModels.current()).reports;
    let drafted = 0;
    for (const unit of await this.units.ethicsUnits()) {
      for (let period = periodOf(activeFromOf(unit), anchor); period.start <= lastEnded.start; period = periodOf(addDays(period.end, 1), anchor)) {
        const reportId = reportIdFor(unit._id, period.start);
        if (await reports.findOne({ _id: reportId })) continue;
        const { outcome } = await this.drafting.change(unit._id, period.start, { type: 'draft' }, {
          actorId: 'report-scheduler',
          correlationId: reportId,
          commandId: `auto-draft-${reportId}`,
        });
        if (!outcome.replayed) drafted++;
      }
    }
    if (drafted > 0) this.logger.log(`Drafted ${drafted} biweekly report(s) of ended periods`);
    return drafted;
  }
}
