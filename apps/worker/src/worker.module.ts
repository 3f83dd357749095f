import { Module } from '@nestjs/common';
import { FollowUpModule } from '@integrity/follow-up';
import { IdentityModule } from '@integrity/identity';
import { PlansModule } from '@integrity/plans';
import { ReportsModule } from '@integrity/reports';
import { BiweeklyCycle } from './follow-up/biweekly-cycle';
import { ReminderWorker } from './follow-up/reminder-worker';
import { PlanSupersession } from './plans/plan-supersession';
import { Projector } from './projector/projector';

/**
 * Background work: the projector, the follow-up reminders, the biweekly cycle and the plans' supersession.
 * `npm start` runs it inside the API process (embedded mode); `npm run start:worker` runs it alone.
 */
@Module({ imports: [IdentityModule, FollowUpModule, ReportsModule, PlansModule], providers: [Projector, ReminderWorker, BiweeklyCycle, PlanSupersession] })
export class WorkerModule {}
