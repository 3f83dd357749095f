import { Module } from '@nestjs/common';

/**
 * Background work: the projector, the follow-up queues and the schedules live here as their issues land.
 * `npm start` runs it inside the API process (embedded mode); `npm run start:worker` runs it alone.
 */
@Module({})
export class WorkerModule {}
