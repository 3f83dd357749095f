import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@integrity/audit';
import { FollowUpModule } from '@integrity/follow-up';
import { IdentityModule } from '@integrity/identity';
import { WRITER_FENCE, type Fence } from '@integrity/lease';
import { PlacesModule } from '@integrity/places';
import { PlansModule } from '@integrity/plans';
import { ReportsModule } from '@integrity/reports';
import { AuditCheckpoints } from './audit/audit-checkpoints';
import { BiweeklyCycle } from './follow-up/biweekly-cycle';
import { ReminderWorker } from './follow-up/reminder-worker';
import { SitePlacementAtStart } from './places/site-placement-at-start';
import { PlanSupersession } from './plans/plan-supersession';
import { Projector } from './projector/projector';

/**
 * Background work: the projector, the follow-up reminders, the biweekly cycle, the plans' supersession, the audit
 * checkpoints and placing old sites in the village register.
 * `npm start` runs it inside the API process (embedded mode); `npm run start:worker` runs it alone.
 */
@Module({})
export class WorkerModule {
  /** `fence`: the worker's leadership, or SOLE_WRITER in the embedded mode's single process. */
  static forRoot(fence: Fence): DynamicModule {
    return {
      module: WorkerModule,
      imports: [IdentityModule, AuditModule, FollowUpModule, ReportsModule, PlansModule, PlacesModule],
      providers: [{ provide: WRITER_FENCE, useValue: fence }, Projector, ReminderWorker, BiweeklyCycle, PlanSupersession, AuditCheckpoints, SitePlacementAtStart],
    };
  }
}
