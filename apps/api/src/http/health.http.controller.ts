import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { addDays, calendarCoveredUntil, CLOCK, taipeiDateOf, type Clock, type OfficeCalendar } from '@integrity/domain';
import { Public } from '@integrity/identity';
import { SETTINGS, type Settings } from '@integrity/platform';
import { OFFICE_CALENDAR } from '@integrity/reflections';
import { ProjectionLagProbe } from './projection-lag';

@ApiTags('health')
@Controller()
export class HealthHttpController {
  constructor(
    private readonly lag: ProjectionLagProbe,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(OFFICE_CALENDAR) private readonly calendar: OfficeCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Due dates past the calendar are counted over weekends alone: say so while fewer than 90 days are covered. */
  private calendarCoverage() {
    const today = taipeiDateOf(this.clock.now());
    const coveredUntil = calendarCoveredUntil(this.calendar, today);
    const ending = coveredUntil === null || coveredUntil < addDays(today, 90);
    const warning = ending
      ? { code: 'CALENDAR_COVERAGE_ENDING', message: `The office calendar covers ${coveredUntil ? `only until ${coveredUntil}` : 'no day from today'}: import next year's 政府行政機關辦公日曆表 (npm run calendar:import)` }
      : null;
    return { calendar: { years: this.calendar.years, coveredUntil }, warnings: warning ? [warning] : [] };
  }

  @Public()
  @Get('health')
  async health() {
    const projection = await this.lag.measure();
    return {
      status: 'ok',
      eventStore: this.settings.eventStoreConnectionString ? 'eventstoredb' : 'sqlite',
      readModels: this.settings.mongodbUri ? 'mongodb' : 'embedded',
      headPosition: projection.headPosition,
      projection,
      ...this.calendarCoverage(),
    };
  }

  /** Prometheus text format. */
  @Public()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    const p = await this.lag.measure();
    const gauge = (name: string, help: string, value: number, type = 'gauge') => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`;
    return [
      gauge('integrity_projection_lag_seconds', 'Age of the oldest event not yet in the read models', p.lagSeconds),
      gauge('integrity_projection_caught_up', '1 when the read models hold every event', p.caughtUp ? 1 : 0),
      gauge('integrity_projection_generation', 'Generation of read models being served', p.generation),
      gauge('integrity_projection_events_applied_total', 'Events applied to the active read models', p.eventsApplied, 'counter'),
      gauge('integrity_projection_skipped_unknown_events_total', 'Events skipped as of unknown type or version', p.skippedUnknownEvents, 'counter'),
    ].join('');
  }
}
