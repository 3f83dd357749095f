import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, invalid, notFound, PLAN_EVENT_VERSIONS, planDecider, upcastPlanEvent, type Clock, type PlanCommand, type PlanEvent, type PlanState } from '@integrity/domain';
import { CommandHandling, createdIdFor, EVENT_STORE, streamIdOf, versionedCodec, type EventStore, type RecordedEvent } from '@integrity/event-store';
import { commandContextOf, type RequestContext } from '@integrity/identity';
import { RegisterLookup } from '@integrity/registers';
import { ApprovePlanCommand, WritePlanCommand, type PlanResult } from './plan-change.command';

export const PLAN_CODEC = versionedCodec<PlanEvent>(PLAN_EVENT_VERSIONS, upcastPlanEvent);

/** Another unit's plan is not found, whatever the verb. */
export function authorizePlan(unitId: string) {
  return (state: PlanState, history: RecordedEvent[]) => {
    if (history.length > 0 && state.unitId !== unitId) throw notFound('PLAN_NOT_FOUND', 'No such plan');
  };
}

async function handlePlan(commands: CommandHandling, clock: Clock, planId: string, command: PlanCommand, context: RequestContext): Promise<PlanResult> {
  const unitId = context.actor.unitId;
  if (!unitId) throw invalid('UNIT_REQUIRED', 'unitId', 'Only a user of an ethics unit keeps a plan');
  const outcome = await commands.handle(streamIdOf('plan', planId), planDecider, PLAN_CODEC, command, commandContextOf(context, clock.now()), { authorize: authorizePlan(unitId) });
  return { id: planId, revision: outcome.revision, position: outcome.position.toString() };
}

@CommandHandler(WritePlanCommand)
export class WritePlanHandler implements ICommandHandler<WritePlanCommand, PlanResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly registers: RegisterLookup,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ planId, plan, context }: WritePlanCommand): Promise<PlanResult> {
    const unitId = context.actor.unitId ?? '';
    // Another unit's plan is not found before anything about its sites is said.
    if (planId) {
      const [drafted] = await this.store.readStream(streamIdOf('plan', planId));
      if (!drafted || drafted.data.unitId !== unitId) throw notFound('PLAN_NOT_FOUND', 'No such plan');
    }
    for (const [i, { siteId }] of plan.sites.entries()) {
      if (!(await this.registers.siteOfUnit(siteId, unitId))) throw invalid('SITE_NOT_FOUND', `sites[${i}].siteId`, 'No such platform site in your unit');
    }
    const id = planId ?? createdIdFor(context.commandId);
    const now = this.clock.now();
    const command: PlanCommand = planId ? { type: 'RevisePlan', ...plan, now } : { type: 'DraftPlan', planId: id, unitId, ...plan, now };
    return handlePlan(this.commands, this.clock, id, command, context);
  }
}

@CommandHandler(ApprovePlanCommand)
export class ApprovePlanHandler implements ICommandHandler<ApprovePlanCommand, PlanResult> {
  constructor(
    private readonly commands: CommandHandling,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ planId, recorder, context }: ApprovePlanCommand): Promise<PlanResult> {
    return handlePlan(this.commands, this.clock, planId, { type: 'ApprovePlan', ...recorder, now: this.clock.now() }, context);
  }
}
