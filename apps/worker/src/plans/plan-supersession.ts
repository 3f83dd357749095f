import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, planDecider, type Clock } from '@integrity/domain';
import { CommandHandling, streamIdOf } from '@integrity/event-store';
import { PLAN_CODEC } from '@integrity/plans';
import { ActiveReadModels, type PlanDocument } from '@integrity/read-models';
import { Projector } from '../projector/projector';

/**
 * One plan in force per unit: when a unit's new plan is approved, the one in force before it is superseded
 * (PlanSuperseded in its own stream), so both stay readable with their history. Derived from the read models
 * after each batch that touched a plan, and on start; the latest approval wins, whatever order they land in.
 */
@Injectable()
export class PlanSupersession implements OnApplicationBootstrap {
  private readonly logger = new Logger('Plans');
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly commands: CommandHandling,
    private readonly readModels: ActiveReadModels,
    private readonly projector: Projector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.projector.onBatch((streamIds) => {
      if (streamIds.some((id) => id.startsWith('plan-'))) void this.reconcile();
    });
    void this.reconcile();
  }

  /** Supersedes every plan in force but each unit's latest approved; one run at a time. */
  reconcile(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        const inForce = await (await this.readModels.current()).plans.find({ state: 'in_force' });
        const latest = new Map<string, PlanDocument>();
        for (const plan of inForce) {
          const kept = latest.get(plan.unitId);
          if (!kept || (plan.approval?.position ?? '') > (kept.approval?.position ?? '')) latest.set(plan.unitId, plan);
        }
        for (const plan of inForce.filter((p) => latest.get(p.unitId) !== p)) {
          const by = (latest.get(plan.unitId) as PlanDocument)._id;
          const commandId = `supersede-${plan._id}-by-${by}`;
          await this.commands.handle(streamIdOf('plan', plan._id), planDecider, PLAN_CODEC, { type: 'SupersedePlan', byPlanId: by }, {
            actorId: 'plan-supersession',
            unitId: plan.unitId,
            correlationId: commandId,
            commandId,
            now: this.clock.now(),
          });
          this.logger.log(`Plan ${plan._id} superseded by ${by}`);
        }
      } catch (error) {
        this.logger.error(`Superseding plans failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.running;
  }
}
