import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { statfsSync } from 'node:fs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { addDays, calendarCoveredUntil, CLOCK, taipeiDateOf, type Clock, type OfficeCalendar } from '@integrity/domain';
import { FOLLOW_UP_QUEUE, withinTimeLimit, type FollowUpQueue } from '@integrity/follow-up';
import { AcceptsMetricsToken, passwordVerifications, Public, Roles } from '@integrity/identity';
import { ApiRefusals, SETTINGS, type Settings, StoreIntegrity } from '@integrity/platform';
import { OFFICE_CALENDAR } from '@integrity/reflections';
import { ProjectionLagProbe } from './projection-lag';
import { readiness } from './readiness';

const STORES_ANSWER_WITHIN_MS = 5_000;
/** Less free space than this where the data lives is as good as full: the next write may not fit. */
const LOW_SPACE_BYTES = 16 * 1024 * 1024;

@ApiTags('health')
@ApiRefusals(400)
@Controller()
export class HealthHttpController {
  constructor(
    private readonly lag: ProjectionLagProbe,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(OFFICE_CALENDAR) private readonly calendar: OfficeCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FOLLOW_UP_QUEUE) private readonly queue: FollowUpQueue,
    private readonly integrity: StoreIntegrity,
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

  /** The free space where the embedded stores live; full when a write met a full disk since the last that succeeded. */
  private storage() {
    const stats = statfsSync(this.settings.dataDir);
    const freeBytes = stats.bavail * stats.bsize;
    const fullSince = this.integrity.storageFullSince();
    return { freeBytes, full: fullSince !== null || freeBytes < LOW_SPACE_BYTES, fullSince: fullSince?.toISOString() ?? null };
  }

  /**
   * Each dependency and its state. A damaged store is an `error` (503): writes are refused. Redis down, or a full
   * disk, is `degraded` (200): what can be read still is, and writes go on by themselves once it is back.
   */
  @Public()
  @ApiOperation({ summary: 'Every dependency and its state, the projection lag and the office calendar coverage' })
  @Get('health')
  async health(@Res({ passthrough: true }) response: Response) {
    const [projection, queue] = await Promise.all([this.lag.measure().catch(() => null), this.queue.health()]);
    const eventStore = this.settings.eventStoreConnectionString ? 'eventstoredb' : 'sqlite';
    const readModels = this.settings.mongodbUri ? 'mongodb' : 'embedded';
    const queueAdapter = this.settings.redisUrl ? 'bullmq' : 'embedded';
    const damaged = this.integrity.damaged();
    const keys = this.integrity.state('personalDataKeys');
    const storage = this.storage();
    if (damaged.length > 0) response.status(503);
    return {
      status: damaged.length > 0 ? 'error' : queue.status === 'up' && !storage.full ? 'ok' : 'degraded',
      eventStore,
      readModels,
      checks: {
        eventStore: { adapter: eventStore, ...(this.integrity.state('eventStore') ?? { status: 'up' }) },
        readModels: { adapter: readModels, ...(this.integrity.state('readModels') ?? { status: 'up' }) },
        ...(keys ? { personalDataKeys: keys } : {}),
        ...(this.settings.redisUrl ? { redis: { ...queue } } : {}),
        queue: { ...queue, adapter: queueAdapter },
        storage: { status: storage.full ? 'full' : 'up', ...storage },
      },
      headPosition: projection?.headPosition ?? null,
      projection,
      ...this.calendarCoverage(),
    };
  }

  /** For orchestrators: the process answers. Nothing else is checked, so a slow store never gets it restarted. */
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @Get('health/live')
  live() {
    return { status: 'live' };
  }

  /** For orchestrators and proxies: 200 when this process should get requests, else 503 with the reasons. */
  @Public()
  @ApiOperation({ summary: 'Readiness: stores answer, none damaged, read models within the lag bound' })
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    let unreachable: string | null = null;
    const projection = await withinTimeLimit(this.lag.measure(), STORES_ANSWER_WITHIN_MS, 'the event log or the read models').catch((error: unknown) => {
      unreachable = error instanceof Error ? error.message : String(error);
      return null;
    });
    const answer = readiness({ damaged: this.integrity.damaged(), projection, unreachable }, this.settings.readyMaxLagSeconds);
    if (answer.status !== 'ready') response.status(503);
    return { ...answer, projection };
  }

  /** Prometheus text format, for an administrator or the scraper's METRICS_TOKEN. */
  @ApiOperation({ summary: 'Projection metrics in the Prometheus text format' })
  @ApiBearerAuth()
  @Roles('admin')
  @AcceptsMetricsToken()
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
      gauge('integrity_password_verifications_total', 'Passwords verified at sign-in, known accounts or not', passwordVerifications.total, 'counter'),
    ].join('');
  }
}
