import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { notFound, rocDateText } from '@integrity/domain';
import { CurrentActor, READING_ROLES, readsEveryUnit, Roles, UnitRegister, type Actor } from '@integrity/identity';
import { ActiveReadModels } from '@integrity/read-models';
import { planDocument } from './documents/plan-document';
import { documentName, sendDocument } from './documents/send-document';
import { FormExportQueryDto } from './reflection-export.http.controller';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';

/** The unit's detailed implementation plan, to print, have signed and file. */
@ApiTags('plans')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('plans')
export class PlanExportHttpController {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly units: UnitRegister,
  ) {}

  @ApiOperation({ summary: 'Export a plan as a document' })
  @ApiRefusals(404, 409)
  @Get(':id/export')
  @Roles(...READING_ROLES)
  async export(@Param('id', UUID_PARAM) id: string, @Query() query: FormExportQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const set = await this.readModels.current();
    const plan = await set.plans.findOne({ _id: id });
    if (!plan || (!readsEveryUnit(actor) && plan.unitId !== actor.unitId)) throw notFound('PLAN_NOT_FOUND', 'No such plan');
    const [unit, sites] = await Promise.all([this.units.get(plan.unitId), set.sites.find({ _id: { $in: plan.sites.map((s) => s.siteId) } })]);
    const name = documentName(unit?.name ?? '', '村里廉政平臺細部實施計畫', rocDateText(plan.validFrom));
    return sendDocument(response, planDocument(plan, unit?.name ?? '', sites), query.format, name, `plan-${id}`);
  }
}
