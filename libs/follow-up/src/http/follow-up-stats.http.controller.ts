import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, taipeiDateOf, type Clock } from '@integrity/domain';
import { CurrentActor, readsEveryUnit, Roles, type Actor } from '@integrity/identity';
import { ApiRefusals, ReadQueryDto } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { FOLLOW_UP_QUEUE, type FollowUpQueue } from '../follow-up-queue.port';

/** The operators' view: pending, due today, overdue, reminders in the last 24 h, the queue's depth and failures. */
@ApiTags('follow-ups')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('follow-ups/stats')
export class FollowUpStatsHttpController {
  constructor(
    private readonly readModels: ActiveReadModels,
    @Inject(FOLLOW_UP_QUEUE) private readonly queue: FollowUpQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: 'The reminder queue: waiting, delayed, active and failed reminders' })
  @Get()
  @Roles('admin', 'supervisor', 'aac_auditor')
  async stats(@Query() _read: ReadQueryDto, @CurrentActor() actor: Actor) {
    const now = this.clock.now();
    const today = taipeiDateOf(now);
    const scope = actor.roles.includes('admin') || readsEveryUnit(actor) ? {} : { unitId: actor.unitId };
    const set = await this.readModels.current();
    const open = { ...scope, state: 'open' };
    const [pending, dueToday, overdue, remindersLast24h, queue] = await Promise.all([
      set.followUps.countDocuments(open),
      set.followUps.countDocuments({ ...open, dueOn: today }),
      set.followUps.countDocuments({ ...open, dueOn: { $lt: today } }),
      set.reminders.countDocuments({ ...scope, issuedAt: { $gte: new Date(now.getTime() - 24 * 3600 * 1000).toISOString() } }),
      // Redis down must not hold up the counts that do not need it: the queue is then said to be unavailable.
      this.queue.stats().catch(() => null),
    ]);
    return {
      pending,
      dueToday,
      overdue,
      remindersLast24h,
      queue: queue ? { available: true, depth: queue.waiting + queue.delayed + queue.active, ...queue } : { available: false },
    };
  }
}
