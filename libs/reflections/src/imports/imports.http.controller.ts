import { Controller, Get, HttpCode, HttpException, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import { invalid, notFound } from '@integrity/domain';
import { Context, IdentityError, Roles, UnitRegister, unitKindOf, type RequestContext } from '@integrity/identity';
import { ApiRefusals } from '@integrity/platform';
import { WorkRecordImport, type ImportReport } from './work-record-import';
import { readWorkRecordSheet } from './work-record-sheet';
import { workRecordTemplate } from './work-record-template';

/** Big enough for years of a unit's records (20,000 rows are about 2 MB as XLSX). */
export const IMPORT_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** What multer hands over of the uploaded file (kept in memory: it is read whole to be checked). */
interface UploadedSpreadsheet {
  buffer: Buffer;
  size: number;
}

export class ImportRecordsRequestDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true', description: 'Check every row and record nothing (the default)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  dryRun?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Record the rows that pass even when others are refused' })
  @IsOptional()
  @IsIn(['true', 'false'])
  validRowsOnly?: 'true' | 'false';

  @ApiPropertyOptional({ format: 'uuid', description: "The administrator: the unit whose records these are (a supervisor's are their own unit's)" })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

const CONTENT_TYPES = { ods: 'application/vnd.oasis.opendocument.spreadsheet', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** A unit's past work records brought in (匯入): checked row by row, then recorded. */
@ApiTags('imports')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('imports/records')
export class ImportsHttpController {
  constructor(
    private readonly imports: WorkRecordImport,
    private readonly units: UnitRegister,
  ) {}

  @ApiOperation({ summary: 'Check (dryRun, the default) or import a spreadsheet of past work records (ODS, XLSX or UTF-8 CSV): every row’s outcome; 422 IMPORT_HAS_REFUSED_ROWS records nothing' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @Post()
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_FILE_MAX_BYTES, files: 1 } }))
  async import(@UploadedFile() file: UploadedSpreadsheet | undefined, @Query() query: ImportRecordsRequestDto, @Context() context: RequestContext): Promise<ImportReport> {
    const { actor } = context;
    const admin = actor.roles.includes('admin');
    if (!admin && query.unitId && query.unitId !== actor.unitId) throw new IdentityError('FORBIDDEN', "A supervisor imports their own unit's records", 403, 'unitId');
    const unitId = admin ? query.unitId : actor.unitId;
    if (!unitId) throw invalid('REQUIRED', 'unitId', 'The administrator names the unit whose records these are');
    const unit = await this.units.get(unitId);
    if (!unit || unitKindOf(unit) !== 'ethics_unit') throw notFound('UNIT_NOT_FOUND', 'No such ethics unit');
    if (!file || file.size === 0) throw invalid('REQUIRED', 'file', 'Send the spreadsheet as the multipart field "file"');
    const report = await this.imports.run(readWorkRecordSheet(file.buffer), unit, {
      dryRun: query.dryRun !== 'false',
      validRowsOnly: query.validRowsOnly === 'true',
      actorId: actor.userId,
      correlationId: context.correlationId,
    });
    if (report.refusedFile && !report.dryRun) {
      throw new HttpException({ error: 'IMPORT_HAS_REFUSED_ROWS', message: `${report.counts.refused} rows are refused: nothing was recorded`, details: report }, 422);
    }
    return report;
  }

  @ApiOperation({ summary: 'The template to fill in: the work-record form’s columns (ODS or XLSX)' })
  @Get('template.:format')
  @Roles('supervisor', 'admin', 'ethics_officer')
  async template(@Param('format') format: string, @Res() res: Response): Promise<void> {
    if (format !== 'ods' && format !== 'xlsx') throw invalid('NOT_ALLOWED', 'format', 'The template comes as ods or xlsx');
    const name = encodeURIComponent(`村里廉政平臺工作紀錄表匯入範本.${format}`);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="work-records.${format}"; filename*=UTF-8''${name}`);
    res.send(await workRecordTemplate(format));
  }
}
