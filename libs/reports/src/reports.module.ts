import { Module } from '@nestjs/common';
import { AuditModule } from '@integrity/audit';
import { CLOCK, type Clock } from '@integrity/domain';
import { CommandHandling, EVENT_STORE, type EventStore } from '@integrity/event-store';
import { IdentityModule, UnitRegister } from '@integrity/identity';
import { SETTINGS, type Settings } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { CaseAuditFileHttpController } from './case-audit-file.http.controller';
import { ChangeReportHandler } from './commands/change-report.handler';
import { ReportReader } from './queries/report-reader';
import { BiweeklyReportBuilder } from './report-builder';
import { ReportDrafting } from './report-drafting';
import { PlanExportHttpController } from './plan-export.http.controller';
import { ReflectionExportHttpController } from './reflection-export.http.controller';
import { ReportsHttpController } from './reports.http.controller';

/** The biweekly results report (Attachment 2), the printed forms, and a case's audit file. */
@Module({
  imports: [IdentityModule, AuditModule],
  controllers: [ReportsHttpController, ReflectionExportHttpController, PlanExportHttpController, CaseAuditFileHttpController],
  providers: [
    { provide: BiweeklyReportBuilder, inject: [ActiveReadModels], useFactory: (readModels: ActiveReadModels) => new BiweeklyReportBuilder(readModels) },
    {
      provide: ReportDrafting,
      inject: [CommandHandling, BiweeklyReportBuilder, SETTINGS, CLOCK],
      useFactory: (commands: CommandHandling, builder: BiweeklyReportBuilder, settings: Settings, clock: Clock) => new ReportDrafting(commands, builder, settings, clock),
    },
    {
      provide: ReportReader,
      inject: [ActiveReadModels, BiweeklyReportBuilder, UnitRegister, EVENT_STORE],
      useFactory: (readModels: ActiveReadModels, builder: BiweeklyReportBuilder, units: UnitRegister, events: EventStore) => new ReportReader(readModels, builder, units, events),
    },
    ChangeReportHandler,
  ],
  exports: [ReportDrafting],
})
export class ReportsModule {}
