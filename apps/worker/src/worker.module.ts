import { Module } from '@nestjs/common';
import { FollowUpModule } from '@integrity/follow-up';
import { IdentityModule } from '@integrity/identity';
import { ReportsModule } from '@integrity/reports';
import { BiweeklyCycle } from './follow-up/biweekly-cycle';
import { ReminderWorker } from './follow-up/reminder-worker';
import { Projector } from './projector/projector';

/**
 * Background work: the projector, the follow-up reminders and the biweekly cycle.
 * `npm start` runs it inside the API process (embedded mode); `npm run start:worker` runs it alone.
 */
@Module({ imports: [IdentityModule, FollowUpModule, ReportsModule], providers: [Projector, ReminderWorker, BiweeklyCycle] })
export class WorkerModule {}
