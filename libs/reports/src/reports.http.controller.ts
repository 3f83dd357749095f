import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CLOCK, notFound, taipeiDateOf, type Clock } from '@integrity/domain';
import { Context, CurrentActor, HANDLING_ROLES, HEAD_DECISION_ROLES, headDecisionRecorder, READING_ROLES, Roles, type Actor, type RequestContext, unitAsked } from '@integrity/identity';
import { ApiRefusals, asOfInstant, IsAsOf, IsCalendarDate, ReadQueryDto, SETTINGS, type Settings } from '@integrity/platform';
import { ChangeReportCommand } from './commands/change-report.command';
import { ApproveReportRequestDto, EditReportRequestDto } from './commands/edit-report.request.dto';
import { ReportReader } from './queries/report-reader';
import { ReportDrafting } from './report-drafting';
import { reportCsv } from './csv/report-csv';
import { attachment2 } from './documents/attachment-2';
import { sendDocument } from './documents/send-document';

class ReportQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '2026-11-23', description: 'First day of the period; the current period when left out' })
  @IsOptional()
  @IsCalendarDate()
  periodStart?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'AAC only: the unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

class ReportViewQueryDto extends ReportQueryDto {
  @IsAsOf()
  asOf?: string;
}

export const EXPORT_FORMATS = ['odt', 'pdf', 'csv'] as const;

export class ExportQueryDto extends ReadQueryDto {
  @IsAsOf()
  asOf?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format!: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'AAC only: the unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

/** The biweekly results report (Attachment 2): preview, draft, edit, approve, submit; and the AAC's view. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('reports')
export class ReportsHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly reader: ReportReader,
    private readonly drafting: ReportDrafting,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return taipeiDateOf(this.clock.now());
  }


  @ApiOperation({ summary: 'The biweekly reporting periods' })
  @Get('periods')
  @Roles(...READING_ROLES)
  periods(@Query() _read: ReadQueryDto) {
    return { items: this.reader.periods(this.settings.reportPeriodAnchor, this.today(), 26) };
  }

  @ApiOperation({ summary: "A period's biweekly report" })
  @Get('biweekly')
  @Roles(...READING_ROLES)
  async report(@Query() query: ReportViewQueryDto, @CurrentActor() actor: Actor) {
    const period = query.periodStart ? this.drafting.period(query.periodStart) : this.reader.periods(this.settings.reportPeriodAnchor, this.today(), 1)[0];
    const asOf = asOfInstant(query.asOf);
    const view = await this.reader.report(unitAsked(actor, query.unitId), period, asOf);
    if (!view) throw notFound('UNIT_NOT_FOUND', 'No such unit');
    return asOf ? { ...view, asOf: asOf.toISOString() } : view;
  }

  /** Attachment 2 as ODT or PDF, or its items as CSV. */
  @ApiOperation({ summary: "Export a period's biweekly report as a document" })
  @ApiRefusals(404, 409)
  @Get('biweekly/:periodStart/export')
  @Roles(...READING_ROLES)
  async export(
    @Param('periodStart') periodStart: string,
    @Query() query: ExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const view = await this.reader.report(unitAsked(actor, query.unitId), this.drafting.period(periodStart), asOfInstant(query.asOf));
    if (!view) throw notFound('UNIT_NOT_FOUND', 'No such unit');
    const name = `biweekly-report-${view.period.start}`;
    if (query.format === 'csv') return sendDocument(response, Buffer.from(reportCsv(view), 'utf8'), 'csv', name);
    return sendDocument(response, attachment2(view), query.format, name);
  }

  @ApiOperation({ summary: "Every unit's report submissions (the AAC's view)" })
  @Get('submissions')
  @Roles('aac_auditor', 'admin')
  async submissions(@Query() query: ReportQueryDto) {
    const period = query.periodStart ? this.drafting.period(query.periodStart) : this.reader.periods(this.settings.reportPeriodAnchor, this.today(), 2)[1];
    return { period, items: await this.reader.submissions(period, this.today(), this.settings.reportLateAfterDays) };
  }

  @ApiOperation({ summary: "Draft a period's biweekly report" })
  @ApiRefusals(404, 409)
  @Post('biweekly/:periodStart/draft')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  draft(@Param('periodStart') periodStart: string, @Context() context: RequestContext) {
    return this.commandBus.execute(new ChangeReportCommand(periodStart, { type: 'draft' }, context));
  }

  @ApiOperation({ summary: 'Edit a drafted report' })
  @ApiRefusals(404, 409)
  @Post('biweekly/:periodStart/edit')
  @HttpCode(200)
  @Roles(...HANDLING_ROLES)
  edit(@Param('periodStart') periodStart: string, @Body() body: EditReportRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new ChangeReportCommand(periodStart, { type: 'edit', texts: body.rows }, context));
  }

  /** The agency head approves; the ethics unit records the head's signed approval with its documentNo and decidedOn. */
  @ApiOperation({ summary: "Approve a report (the agency head's step)" })
  @ApiRefusals(404, 409)
  @Post('biweekly/:periodStart/approve')
  @HttpCode(200)
  @Roles(...HEAD_DECISION_ROLES)
  approve(@Param('periodStart') periodStart: string, @Body() body: ApproveReportRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new ChangeReportCommand(periodStart, { type: 'approve', ...headDecisionRecorder(context.actor, body), note: body.note }, context));
  }

  @ApiOperation({ summary: 'Submit a report to the AAC' })
  @ApiRefusals(404, 409)
  @Post('biweekly/:periodStart/submit')
  @HttpCode(200)
  @Roles('ethics_officer', 'supervisor', 'agency_head')
  submit(@Param('periodStart') periodStart: string, @Context() context: RequestContext) {
    return this.commandBus.execute(new ChangeReportCommand(periodStart, { type: 'submit' }, context));
  }
}
