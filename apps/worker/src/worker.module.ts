import { Module } from '@nestjs/common';
import { Projector } from './projector/projector';

/**
 * Background work: the projector now; the follow-up queues and schedules as their issues land.
 * `npm start` runs it inside the API process (embedded mode); `npm run start:worker` runs it alone.
 */
@Module({ providers: [Projector] })
export class WorkerModule {}
