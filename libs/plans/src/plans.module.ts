import { Module } from '@nestjs/common';
import { IdentityModule } from '@integrity/identity';
import { ReflectionsModule } from '@integrity/reflections';
import { RegistersModule } from '@integrity/registers';
import { ApprovePlanHandler, WritePlanHandler } from './commands/plan-commands.handler';
import { PlansHttpController } from './plans.http.controller';
import { VisitSchedule } from './queries/visit-schedule';

/** The unit's detailed implementation plan, its task force and its visit schedule. */
@Module({
  imports: [IdentityModule, RegistersModule, ReflectionsModule],
  controllers: [PlansHttpController],
  providers: [WritePlanHandler, ApprovePlanHandler, VisitSchedule],
  exports: [VisitSchedule],
})
export class PlansModule {}
