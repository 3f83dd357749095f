import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { IdentityModule } from '@integrity/identity';
import { AuditCheckpointRecorder } from './audit-checkpoint-recorder';
import { ActivityHttpController } from './activity.http.controller';
import { AuditHttpController } from './audit.http.controller';
import { PersonalDataAccessHttpController } from './personal-data-access.http.controller';

/** The hash chain's checkpoints and its verification. */
@Module({
  imports: [IdentityModule],
  controllers: [AuditHttpController, PersonalDataAccessHttpController, ActivityHttpController],
  providers: [{ provide: AuditCheckpointRecorder, inject: [EVENT_STORE], useFactory: (events: EventStore) => new AuditCheckpointRecorder(events) }],
  exports: [AuditCheckpointRecorder],
})
export class AuditModule {}
