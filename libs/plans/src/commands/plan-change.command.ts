import { Command } from '@nestjs/cqrs';
import type { HeadDecisionRecorder } from '@integrity/domain';
import type { RequestContext } from '@integrity/identity';
import type { PlanRequestDto } from './plan.request.dto';

export interface PlanResult {
  id: string;
  revision: number;
  position: string;
}

/** Draft a new plan (`planId` null) or revise a draft. */
export class WritePlanCommand extends Command<PlanResult> {
  constructor(
    readonly planId: string | null,
    readonly plan: PlanRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** The head approves a plan (簽奉機關首長核定), or the unit records the head's signed approval. */
export class ApprovePlanCommand extends Command<PlanResult> {
  constructor(
    readonly planId: string,
    readonly recorder: HeadDecisionRecorder,
    readonly context: RequestContext,
  ) {
    super();
  }
}
