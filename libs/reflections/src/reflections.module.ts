import { Module } from '@nestjs/common';
import { IdentityModule } from '@integrity/identity';
import { PlacesModule } from '@integrity/places';
import { RegistersModule } from '@integrity/registers';
import { ChangeReflectionHandler } from './commands/change-reflection/change-reflection.handler';
import { EraseReporterDataHandler } from './commands/erase-reporter-data/erase-reporter-data.handler';
import { ReceiveReflectionHandler } from './commands/receive-reflection/receive-reflection.handler';
import { ReflectionCommandsHttpController } from './commands/reflection-commands.http.controller';
import { ReflectionHistoryHandler } from './queries/reflection-history/reflection-history.handler';
import { ReflectionQueriesHttpController } from './queries/reflection-queries.http.controller';
import { ReflectionReader } from './queries/reflection-reader';
import { ReflectionHandler } from './queries/reflection/reflection.handler';
import { ReflectionListHandler } from './queries/reflection-list/reflection-list.handler';
import { FollowUpsHandler } from './queries/follow-ups/follow-ups.handler';
import { FollowUpsHttpController } from './queries/follow-ups/follow-ups.http.controller';
import { DashboardHandler } from './queries/dashboard/dashboard.handler';
import { DashboardHttpController } from './queries/dashboard/dashboard.http.controller';
import { PlacesDashboardHttpController } from './queries/dashboard/places-dashboard';
import { PublicResultsHandler } from './queries/public-results/public-results.handler';
import { PublicResultsHttpController } from './queries/public-results/public-results.http.controller';
import { OfficeCalendarHttpController } from './queries/office-calendar/office-calendar.http.controller';
import { IssueReceiptHandler } from './commands/issue-receipt/issue-receipt.handler';
import { HotspotsHttpController } from './hotspots/hotspots.http.controller';
import { ImportsHttpController } from './imports/imports.http.controller';
import { WorkRecordImport } from './imports/work-record-import';
import { ImportProgress } from './imports/import-progress';
import { ReceiptKeys } from './receipts/receipt-keys';
import { ReceiptsHttpController } from './receipts/receipts.http.controller';
import { StatusLookup } from './receipts/status-lookup';
import { ReflectionEventCodec } from './reflection-event.codec';
import { OFFICE_CALENDAR, officeCalendar, UnitDeadlines } from './unit-deadlines';
import { SETTINGS, type Settings } from '@integrity/platform';

/** Reflections (反映): the cases, from the work record form through their whole life. */
@Module({
  imports: [IdentityModule, RegistersModule, PlacesModule],
  controllers: [ReflectionCommandsHttpController, ReceiptsHttpController, ReflectionQueriesHttpController, FollowUpsHttpController, DashboardHttpController, PlacesDashboardHttpController, PublicResultsHttpController, OfficeCalendarHttpController, HotspotsHttpController, ImportsHttpController],
  providers: [
    ReflectionEventCodec,
    { provide: OFFICE_CALENDAR, inject: [SETTINGS], useFactory: (settings: Settings) => officeCalendar(settings.officeCalendarFile) },
    UnitDeadlines,
    ReflectionReader,
    ReceiptKeys,
    StatusLookup,
    IssueReceiptHandler,
    ReceiveReflectionHandler,
    ChangeReflectionHandler,
    EraseReporterDataHandler,
    ReflectionHandler,
    ReflectionListHandler,
    ReflectionHistoryHandler,
    FollowUpsHandler,
    DashboardHandler,
    PublicResultsHandler,
    WorkRecordImport,
    ImportProgress,
  ],
  exports: [ReflectionEventCodec, WorkRecordImport, UnitDeadlines, OFFICE_CALENDAR, ReceiptKeys, StatusLookup],
})
export class ReflectionsModule {}
