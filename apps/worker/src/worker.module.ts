import { Module } from '@nestjs/common';
import { FollowUpModule } from '@integrity/follow-up';
import { IdentityModule } from '@integrity/identity';
import { ReminderWorker } from './follow-up/reminder-worker';
import { Projector } from './projector/projector';

/**
 * Background work: the projector and the follow-up reminders.
 * `npm start` runs it inside the API process (embedded mode); `npm run start:worker` runs it alone.
 */
@Module({ imports: [IdentityModule, FollowUpModule], providers: [Projector, ReminderWorker] })
export class WorkerModule {}
