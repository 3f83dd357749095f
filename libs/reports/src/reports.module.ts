import { Module } from '@nestjs/common';
import { AuditModule } from '@integrity/audit';
import { CLOCK, type Clock, type OfficeCalendar } from '@integrity/domain';
import { CommandHandling, EVENT_STORE, type EventStore } from '@integrity/event-store';
import { IdentityLog, IdentityModule, PersonalDataAccessLog, PersonalDataVault, UnitRegister, UserDirectory } from '@integrity/identity';
import { SETTINGS, type Settings } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { OFFICE_CALENDAR, ReflectionsModule } from '@integrity/reflections';
import { ReceiptSlipHttpController } from './receipt-slip.http.controller';
import { CaseAuditFileHttpController } from './case-audit-file.http.controller';
import { ChangeReportHandler } from './commands/change-report.handler';
import { ReportReader } from './queries/report-reader';
import { BiweeklyReportBuilder } from './report-builder';
import { ReportDrafting } from './report-drafting';
import { ReportDueRule } from './report-due-rule';
import { PlanExportHttpController } from './plan-export.http.controller';
import { ReflectionExportHttpController } from './reflection-export.http.controller';
import { ReportsHttpController } from './reports.http.controller';
import { UnitExport } from './unit-export/unit-export';
import { UnitExportHttpController } from './unit-export/unit-export.http.controller';

/** The biweekly results report (Attachment 2), the printed forms, and a case's audit file. */
@Module({
  imports: [IdentityModule, AuditModule, ReflectionsModule],
  controllers: [ReportsHttpController, ReflectionExportHttpController, PlanExportHttpController, CaseAuditFileHttpController, ReceiptSlipHttpController, UnitExportHttpController],
  providers: [
    {
      provide: BiweeklyReportBuilder,
      inject: [ActiveReadModels, EVENT_STORE],
      useFactory: (readModels: ActiveReadModels, events: EventStore) => new BiweeklyReportBuilder(readModels, events),
    },
    {
      provide: ReportDueRule,
      inject: [EVENT_STORE, IdentityLog, SETTINGS, OFFICE_CALENDAR],
      useFactory: (events: EventStore, log: IdentityLog, settings: Settings, calendar: OfficeCalendar) => new ReportDueRule(events, log, settings.reportDueWorkingDays, calendar),
    },
    {
      provide: ReportDrafting,
      inject: [CommandHandling, BiweeklyReportBuilder, ActiveReadModels, EVENT_STORE, ReportDueRule, SETTINGS, CLOCK],
      useFactory: (commands: CommandHandling, builder: BiweeklyReportBuilder, readModels: ActiveReadModels, events: EventStore, dueRule: ReportDueRule, settings: Settings, clock: Clock) =>
        new ReportDrafting(commands, builder, readModels, events, dueRule, settings, clock),
    },
    {
      provide: UnitExport,
      inject: [ActiveReadModels, EVENT_STORE, ReportReader, ReportDrafting, UserDirectory, PersonalDataVault, PersonalDataAccessLog],
      useFactory: (readModels: ActiveReadModels, events: EventStore, reader: ReportReader, drafting: ReportDrafting, users: UserDirectory, vault: PersonalDataVault, accessLog: PersonalDataAccessLog) =>
        new UnitExport(readModels, events, reader, drafting, users, vault, accessLog),
    },
    {
      provide: ReportReader,
      inject: [ActiveReadModels, BiweeklyReportBuilder, UnitRegister, EVENT_STORE, ReportDueRule],
      useFactory: (readModels: ActiveReadModels, builder: BiweeklyReportBuilder, units: UnitRegister, events: EventStore, dueRule: ReportDueRule) => new ReportReader(readModels, builder, units, events, dueRule),
    },
    ChangeReportHandler,
  ],
  exports: [ReportDrafting, ReportReader, UnitExport],
})
export class ReportsModule {}
