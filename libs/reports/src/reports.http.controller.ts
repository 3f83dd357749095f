import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CLOCK, invalid, notFound, rocDateText, taipeiDateOf, type Clock } from '@integrity/domain';
import {
  Context,
  CurrentActor,
  HANDLING_ROLES,
  HEAD_DECISION_ROLES,
  headDecisionRecorder,
  READING_ROLES,
  readsEveryUnit,
  Roles,
  type Actor,
  type RequestContext,
  unitAsked,
} from '@integrity/identity';
import { ApiRefusals, asOfInstant, IsAsOf, IsCalendarDate, ReadQueryDto, SETTINGS, type Settings } from '@integrity/platform';
import { ChangeReportCommand } from './commands/change-report.command';
import { ApproveReportRequestDto, EditReportRequestDto, ReportDueRuleRequestDto } from './commands/edit-report.request.dto';
import { ReportReader } from './queries/report-reader';
import { ReportDrafting } from './report-drafting';
import { ReportDueRule } from './report-due-rule';
import { reportCsv } from './csv/report-csv';
import { attachment2 } from './documents/attachment-2';
import { documentName, sendDocument } from './documents/send-document';

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

/** The biweekly results report (Attachment 2): preview, draft, edit, approve, submit, correct; and the AAC's view. */
@ApiTags('reports')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('reports')
export class ReportsHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly reader: ReportReader,
    private readonly drafting: ReportDrafting,
    private readonly dueRule: ReportDueRule,
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

  /** The AAC reads the version last submitted; the unit reads the one it works on, and what changed since. */
  @ApiOperation({ summary: "A period's biweekly report" })
  @ApiRefusals(404)
  @Get('biweekly')
  @Roles(...READING_ROLES)
  async report(@Query() query: ReportViewQueryDto, @CurrentActor() actor: Actor) {
    const period = query.periodStart ? this.drafting.period(query.periodStart) : this.reader.periods(this.settings.reportPeriodAnchor, this.today(), 1)[0];
    const asOf = asOfInstant(query.asOf);
    const view = await this.reader.report(unitAsked(actor, query.unitId), period, { asOf, forAac: readsEveryUnit(actor), today: this.today() });
    if (!view) throw notFound('UNIT_NOT_FOUND', 'No such ethics unit');
    return asOf ? { ...view, asOf: asOf.toISOString() } : view;
  }

  /** Attachment 2 as ODT, PDF or CSV (its rows, then its cases), as the reader may see it. */
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
    const view = await this.reader.report(unitAsked(actor, query.unitId), this.drafting.period(periodStart), { asOf: asOfInstant(query.asOf), forAac: readsEveryUnit(actor), today: this.today() });
    if (!view) throw notFound('UNIT_NOT_FOUND', 'No such ethics unit');
    const name = documentName(view.unit.name, '工作成果彙報表', rocDateText(view.period.start), view.current && view.current.version > 0 ? `更正${view.current.version}` : '');
    const ascii = `biweekly-report-${view.period.start}`;
    if (query.format === 'csv') return sendDocument(response, Buffer.from(reportCsv(view), 'utf8'), 'csv', name, ascii);
    return sendDocument(response, attachment2(view), query.format, name, ascii);
  }

  @ApiOperation({ summary: "Every ethics unit's submission for a period (the AAC's view): due dates, days late, the version read" })
  @Get('submissions')
  @Roles('aac_auditor', 'admin')
  async submissions(@Query() query: ReportQueryDto) {
    const period = query.periodStart ? this.drafting.period(query.periodStart) : this.reader.periods(this.settings.reportPeriodAnchor, this.today(), 2)[1];
    return { period, items: await this.reader.submissions(period, this.today()) };
  }

  @ApiOperation({ summary: "The unit's corrections owed or on their way (更正待辦)" })
  @Get('corrections')
  @Roles('ethics_officer', 'supervisor', 'agency_head')
  async corrections(@Query() _read: ReadQueryDto, @CurrentActor() actor: Actor) {
    if (!actor.unitId) throw invalid('UNIT_REQUIRED', 'unitId', 'Only a user of an ethics unit has corrections to make');
    return { items: await this.reader.correctionsDue(actor.unitId) };
  }

  @ApiOperation({ summary: 'How many working days after its period a report is due' })
  @Get('due-rule')
  @Roles(...READING_ROLES, 'admin')
  async dueRuleInForce(@Query() _read: ReadQueryDto) {
    return { workingDays: await this.dueRule.workingDays() };
  }

  /** The AAC's rule for every unit: it applies to submissions from now on; those made keep the due date they had. */
  @ApiOperation({ summary: 'Set how many working days after its period a report is due (the AAC)' })
  @Put('due-rule')
  @Roles('aac_auditor')
  async setDueRule(@Body() body: ReportDueRuleRequestDto, @CurrentActor() actor: Actor) {
    await this.dueRule.set(body.workingDays, { actorId: actor.userId, unitId: actor.unitId, at: this.clock.now() });
    return { workingDays: await this.dueRule.workingDays() };
  }

  @ApiOperation({ summary: "Draft a period's biweekly report, or a correction of a submitted one" })
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
  @ApiOperation({ summary: "Approve a report or a correction (the agency head's step)" })
  @ApiRefusals(404, 409)
  @Post('biweekly/:periodStart/approve')
  @HttpCode(200)
  @Roles(...HEAD_DECISION_ROLES)
  approve(@Param('periodStart') periodStart: string, @Body() body: ApproveReportRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new ChangeReportCommand(periodStart, { type: 'approve', ...headDecisionRecorder(context.actor, body), note: body.note, hash: body.hash }, context));
  }

  @ApiOperation({ summary: 'Submit an approved report or correction to the AAC' })
  @ApiRefusals(404, 409)
  @Post('biweekly/:periodStart/submit')
  @HttpCode(200)
  @Roles('ethics_officer', 'supervisor', 'agency_head')
  submit(@Param('periodStart') periodStart: string, @Context() context: RequestContext) {
    return this.commandBus.execute(new ChangeReportCommand(periodStart, { type: 'submit' }, context));
  }
}
