import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsIn } from 'class-validator';
import { notFound, rocDateText, type Reporter } from '@integrity/domain';
import { CurrentActor, PersonalDataAccessLog, PersonalDataVault, READING_ROLES, readsEveryUnit, Roles, UnitRegister, UserDirectory, type Actor } from '@integrity/identity';
import { ApiRefusals, ReadQueryDto, UUID_PARAM } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { attachment1 } from './documents/attachment-1';
import { documentName, sendDocument } from './documents/send-document';

/** The format of a printed form. */
export class FormExportQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: ['odt', 'pdf'] })
  @IsIn(['odt', 'pdf'])
  format!: 'odt' | 'pdf';
}

/** Attachment 1, the work record form of one reflection, to print, sign and file. */
@ApiTags('reflections')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('reflections')
export class ReflectionExportHttpController {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly vault: PersonalDataVault,
    private readonly accessLog: PersonalDataAccessLog,
    private readonly units: UnitRegister,
    private readonly users: UserDirectory,
  ) {}

  @ApiOperation({ summary: 'Export a reflection as the work record form' })
  @ApiRefusals(404, 409)
  @Get(':id/export')
  @Roles(...READING_ROLES)
  async export(@Param('id', UUID_PARAM) id: string, @Query() query: FormExportQueryDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const reflection = await (await this.readModels.current()).reflections.findOne({ _id: id });
    if (!reflection || (!readsEveryUnit(actor) && reflection.unitId !== actor.unitId)) throw notFound('REFLECTION_NOT_FOUND', 'No such reflection');
    const unit = await this.units.get(reflection.unitId);
    if (!unit) throw notFound('UNIT_NOT_FOUND', 'No such unit');
    const sealed = reflection.reporterSealed;
    const shown = sealed ? await this.accessLog.disclose(actor, { id, unitId: reflection.unitId }, `attachment1_${query.format}`, () => this.vault.open<Reporter>(sealed)) : null;
    const reporter = shown && 'redacted' in shown ? 'hidden' : shown;
    const recorderName = (await this.users.displayNames([reflection.recordedBy])).get(reflection.recordedBy) ?? null;
    const name = documentName(unit.name, '村里廉政平臺工作紀錄表', reflection.caseNo ?? rocDateText(reflection.receivedOn));
    return sendDocument(response, attachment1({ reflection, unit, reporter, recorderName }), query.format, name, `work-record-${id}`);
  }
}
