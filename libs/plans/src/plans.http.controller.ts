import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { notFound } from '@integrity/domain';
import {
  Context,
  CurrentActor,
  HANDLING_ROLES,
  HEAD_DECISION_ROLES,
  headDecisionRecorder,
  HeadSignatureRequestDto,
  READING_ROLES,
  readsEveryUnit,
  Roles,
  UnitRegister,
  type Actor,
  type RequestContext,
  unitAsked,
} from '@integrity/identity';
import { ApiRefusals, ReadQueryDto, UUID_PARAM } from '@integrity/platform';
import { ActiveReadModels, type PlanDocument } from '@integrity/read-models';
import { ApprovePlanCommand, WritePlanCommand } from './commands/plan-change.command';
import { PlanRequestDto } from './commands/plan.request.dto';
import { VisitSchedule } from './queries/visit-schedule';

class UnitQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ description: 'For the AAC: one unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

const answer = ({ _id, _position, remindersIssued: _reminders, ...plan }: PlanDocument) => ({ id: _id, ...plan });

/** The unit's detailed implementation plan (村里廉政平臺細部實施計畫) and its visit schedule. */
@ApiTags('plans')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller()
export class PlansHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly readModels: ActiveReadModels,
    private readonly schedule: VisitSchedule,
    private readonly units: UnitRegister,
  ) {}


  @ApiOperation({ summary: "Draft the unit's detailed implementation plan" })
  @Post('plans')
  @Roles(...HANDLING_ROLES)
  draft(@Body() body: PlanRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new WritePlanCommand(null, body, context));
  }

  @ApiOperation({ summary: 'Revise a draft plan' })
  @ApiRefusals(404, 409)
  @Post('plans/:id/revise')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  revise(@Param('id', UUID_PARAM) id: string, @Body() body: PlanRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new WritePlanCommand(id, body, context));
  }

  /** The head approves; the ethics unit records the head's signed approval with its documentNo and decidedOn. */
  @ApiOperation({ summary: 'Approve a plan: it comes into force' })
  @ApiRefusals(404, 409)
  @Post('plans/:id/approve')
  @HttpCode(200)
  @Roles(...HEAD_DECISION_ROLES)
  approve(@Param('id', UUID_PARAM) id: string, @Body() body: HeadSignatureRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new ApprovePlanCommand(id, headDecisionRecorder(context.actor, body), context));
  }

  /** Every plan of the unit, newest first: drafts, the one in force, those it superseded. */
  @ApiOperation({ summary: "List the unit's plans" })
  @Get('plans')
  @Roles(...READING_ROLES)
  async list(@Query() query: UnitQueryDto, @CurrentActor() actor: Actor) {
    const unitId = unitAsked(actor, query.unitId);
    const plans = await (await this.readModels.current()).plans.find({ unitId }, { sort: { draftedAt: -1 } });
    return { items: plans.map(answer) };
  }

  /** For the AAC (and administrators): per ethics unit, whether a plan is in force and how many sites are overdue. */
  @ApiOperation({ summary: "Every unit's plan in force (the AAC's overview)" })
  @Get('plans/overview')
  @Roles('aac_auditor', 'admin')
  async overview(@Query() _read: ReadQueryDto) {
    const units = await this.units.ethicsUnits();
    const inForce = await this.schedule.plansInForce(null);
    return {
      items: await Promise.all(
        units.map(async (unit) => {
          const plan = inForce.find((p) => p.unitId === unit._id);
          const visits = plan ? await this.schedule.visitsOf(plan) : [];
          return {
            unitId: unit._id,
            unitName: unit.name,
            plan: plan ? { id: plan._id, title: plan.title, validFrom: plan.validFrom, validTo: plan.validTo } : null,
            sites: visits.length,
            overdueSites: visits.filter((v) => v.overdue).length,
          };
        }),
      ),
    };
  }

  @ApiOperation({ summary: 'Read a plan' })
  @ApiRefusals(404, 409)
  @Get('plans/:id')
  @Roles(...READING_ROLES)
  async get(@Param('id', UUID_PARAM) id: string, @Query() _read: ReadQueryDto, @CurrentActor() actor: Actor) {
    const plan = await (await this.readModels.current()).plans.findOne({ _id: id });
    if (!plan || (!readsEveryUnit(actor) && plan.unitId !== actor.unitId)) throw notFound('PLAN_NOT_FOUND', 'No such plan');
    return answer(plan);
  }

  /** The plan in force's sites: last visit, next visit due, overdue first. */
  @ApiOperation({ summary: 'The site visits due under the plan in force' })
  @Get('outreach/schedule')
  @Roles(...READING_ROLES)
  async visits(@Query() query: UnitQueryDto, @CurrentActor() actor: Actor) {
    const [plan] = await this.schedule.plansInForce([unitAsked(actor, query.unitId)]);
    return { plan: plan ? answer(plan) : null, items: plan ? await this.schedule.visitsOf(plan) : [] };
  }
}
