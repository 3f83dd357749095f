import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLOCK, notFound, rocDateText, taipeiDateOf, type Clock } from '@integrity/domain';
import { CurrentActor, IdentityError, Roles, UnitRegister, unitKindOf, type Actor } from '@integrity/identity';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';
import { documentName } from '../documents/send-document';
import { UnitExport } from './unit-export';

/** Everything of a unit, to take away: for its supervisor, or the administrator (without personal data). */
@ApiTags('units')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403, 404)
@Controller('units')
export class UnitExportHttpController {
  constructor(
    private readonly exports: UnitExport,
    private readonly units: UnitRegister,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ApiOperation({ summary: "Export everything of a unit as a ZIP: cases (ODS), reports and plans (ODT and PDF), its event log (JSON lines) with the checkpoints, a manifest" })
  @Get(':id/export')
  @Roles('supervisor', 'admin')
  async export(@Param('id', UUID_PARAM) id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    if (!actor.roles.includes('admin') && actor.unitId !== id) throw new IdentityError('FORBIDDEN', "A supervisor exports their own unit's data", 403);
    const unit = await this.units.get(id);
    if (!unit || unitKindOf(unit) !== 'ethics_unit') throw notFound('UNIT_NOT_FOUND', 'No such ethics unit');
    const now = this.clock.now();
    const zip = await this.exports.zip(unit, actor, now, taipeiDateOf(now));
    const name = documentName(unit.name, '村里廉政平臺資料匯出', rocDateText(taipeiDateOf(now)));
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', `attachment; filename="unit-export-${unit.code}.zip"; filename*=UTF-8''${encodeURIComponent(`${name}.zip`)}`);
    return new StreamableFile(zip);
  }
}
