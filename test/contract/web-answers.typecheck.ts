import type * as Web from '../../apps/web/src/api-answers';
import type { ScheduledVisit } from '../../libs/plans/src/queries/visit-schedule';
import type { UnitDashboard } from '../../libs/reflections/src/queries/dashboard/dashboard.query';
import type { PlaceCount } from '../../libs/reflections/src/queries/dashboard/places-dashboard';
import type { FollowUpItem } from '../../libs/reflections/src/queries/follow-ups/follow-ups.query';
import type { PublicResult } from '../../libs/reflections/src/queries/public-results/public-results.query';
import type { HistoryEntry } from '../../libs/reflections/src/queries/reflection-history/reflection-history.query';
import type { ReflectionListItem } from '../../libs/reflections/src/queries/reflection-list/reflection-list.query';
import type { ImportProgressView } from '../../libs/reflections/src/imports/import-progress';
import type { ImportReport, RowReport } from '../../libs/reflections/src/imports/work-record-import';
import type { CaseStatus } from '../../libs/reflections/src/receipts/status-lookup';
import type { BiweeklyReportView, CorrectionDue, ReportChangeView, ReportRowView, ReportVersionView, SubmissionRow } from '../../libs/reports/src/queries/report-reader';

/**
 * The screens' answers (apps/web/src/api-answers.ts) against the server's declarations of them, checked by
 * `npm run typecheck`: a field the server renames, drops or answers in another type fails here, at build time.
 */

/** What JSON makes of a server value: a date is its ISO string. */
type AsJson<T> = T extends Date ? string : T extends (infer Item)[] ? AsJson<Item>[] : T extends object ? { [Field in keyof T]: AsJson<T[Field]> } : T;

/** The screen reads only fields the server answers, each in a type the server's answer fits. */
type Reads<Server, Screen> = [Exclude<keyof Screen, keyof Server>] extends [never] ? (AsJson<Server> extends Screen ? true : false) : false;

/** Fails to compile, at the pair's line, where the screen's shape is not the server's. */
type Agree<Check extends true> = Check;

export type WebAnswersAgree = [
  Agree<Reads<FollowUpItem, Web.FollowUp>>,
  Agree<Reads<ScheduledVisit, Web.ScheduledVisit>>,
  Agree<Reads<ReflectionListItem, Web.ReflectionListItem>>,
  Agree<Reads<HistoryEntry, Web.HistoryEvent>>,
  Agree<Reads<PublicResult, Web.PublicResult>>,
  Agree<Reads<UnitDashboard, Web.UnitDashboard>>,
  Agree<Reads<PlaceCount, Web.PlaceCount>>,
  Agree<Reads<ReportRowView, Web.ReportRow>>,
  Agree<Reads<ReportChangeView, Web.ReportChange>>,
  Agree<Reads<ReportVersionView, Web.ReportVersion>>,
  Agree<Reads<BiweeklyReportView, Web.BiweeklyReport>>,
  Agree<Reads<SubmissionRow, Web.SubmissionRow>>,
  Agree<Reads<CorrectionDue, Web.CorrectionDue>>,
  Agree<Reads<CaseStatus, Web.CaseStatus>>,
  Agree<Reads<RowReport, Web.ImportRowReport>>,
  Agree<Reads<ImportReport, Web.ImportReport>>,
  Agree<Reads<ImportProgressView, Web.ImportProgress>>,
];
