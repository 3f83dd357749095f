import { Controller, Get, Headers, HttpCode, HttpException, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Response } from 'express';
import { invalid, notFound } from '@integrity/domain';
import { Context, IdentityError, Roles, UnitRegister, unitKindOf, type RequestContext } from '@integrity/identity';
import { ApiRefusals, UUID_PARAM } from '@integrity/platform';
import { ImportProgress, type ImportProgressView } from './import-progress';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    private readonly progress: ImportProgress,
  ) {}

  @ApiOperation({ summary: 'Check (dryRun, the default) or import a spreadsheet of past work records (ODS, XLSX or UTF-8 CSV): every row’s outcome; 422 IMPORT_HAS_REFUSED_ROWS records nothing' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiHeader({ name: 'X-Import-Progress', required: false, description: 'A UUID the caller chose: GET /imports/records/progress/{it} tells how far the import is while it runs' })
  @Post()
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_FILE_MAX_BYTES, files: 1 } }))
  async import(
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @Query() query: ImportRecordsRequestDto,
    @Context() context: RequestContext,
    @Headers('x-import-progress') progressId: string | undefined,
  ): Promise<ImportReport> {
    const { actor } = context;
    const admin = actor.roles.includes('admin');
    if (!admin && query.unitId && query.unitId !== actor.unitId) throw new IdentityError('FORBIDDEN', "A supervisor imports their own unit's records", 403, 'unitId');
    const unitId = admin ? query.unitId : actor.unitId;
    if (!unitId) throw invalid('REQUIRED', 'unitId', 'The administrator names the unit whose records these are');
    const unit = await this.units.get(unitId);
    if (!unit || unitKindOf(unit) !== 'ethics_unit') throw notFound('UNIT_NOT_FOUND', 'No such ethics unit');
    if (!file || file.size === 0) throw invalid('REQUIRED', 'file', 'Send the spreadsheet as the multipart field "file"');
    if (progressId !== undefined && !UUID.test(progressId)) throw invalid('NOT_ALLOWED', 'X-Import-Progress', 'X-Import-Progress must be a UUID');
    const progress = progressId ? this.progress.track(progressId, actor.userId) : undefined;
    try {
      return await this.answer(
        await this.imports.run(readWorkRecordSheet(file.buffer), unit, {
          dryRun: query.dryRun !== 'false',
          validRowsOnly: query.validRowsOnly === 'true',
          actorId: actor.userId,
          correlationId: context.correlationId,
          progress,
        }),
      );
    } finally {
      if (progressId) this.progress.finish(progressId);
    }
  }

  private answer(report: ImportReport): ImportReport {
    if (report.refusedFile && !report.dryRun) {
      throw new HttpException({ error: 'IMPORT_HAS_REFUSED_ROWS', message: `${report.counts.refused} rows are refused: nothing was recorded`, details: report }, 422);
    }
    return report;
  }

  @ApiOperation({ summary: 'How far an import of the caller’s is, by the X-Import-Progress it was sent with' })
  @ApiRefusals(404)
  @Get('progress/:id')
  @Roles('supervisor', 'admin')
  progressOf(@Param('id', UUID_PARAM) id: string, @Context() context: RequestContext): ImportProgressView {
    const progress = this.progress.of(id, context.actor.userId);
    if (!progress) throw notFound('IMPORT_NOT_RUNNING', 'No import of yours runs under this id (here)');
    return progress;
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
