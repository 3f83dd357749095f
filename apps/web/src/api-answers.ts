/**
 * The API's answers as the screens read them: each is checked against the server's own declaration of the answer by
 * `npm run typecheck` (test/contract/web-answers.typecheck.ts), so an answer changed on the server breaks the build,
 * not a user's screen. Only fields the screens read are declared here.
 */

/** An open obligation, as `GET /follow-ups` answers it. */
export interface FollowUp {
  id: string;
  reflectionId: string;
  kind: string;
  party: string | null;
  dueOn: string;
  beyondCalendar: boolean;
  overdue: boolean;
  daysOverdue: number;
  summary: string;
}

/** A planned site's visits, as `GET /outreach/schedule` answers them. */
export interface ScheduledVisit {
  siteId: string;
  siteName: string | null;
  contactName: string | null;
  visitEveryDays: number;
  lastVisitOn: string | null;
  nextDueOn: string;
  overdue: boolean;
  visitsHeld: number;
  visitsPlanned: number;
}

/** One case in `GET /reflections`. */
export interface ReflectionListItem {
  id: string;
  caseNo: string;
  status: string;
  nature: string;
  category: string;
  summary: string;
  receivedOn: string;
  unitId: string;
  village: string | null;
  nextDueOn: string | null;
  overdue: boolean;
  imported: boolean;
}

/** One event of a case's history (`GET /reflections/:id/history`). */
export interface HistoryEvent {
  type: string;
  revision: number;
  occurredAt: string;
  actorName: string | null;
  data: Record<string, unknown>;
}

/** A published result (`GET /public/results`). */
export interface PublicResult {
  id: string;
  unit: string | null;
  county: string | null;
  village: string | null;
  publishedOn: string;
  venue: string;
  publicSummary: string;
}

/** A unit's dashboard (`GET /dashboard`). */
export interface UnitDashboard {
  unitId: string;
  unitName: string | null;
  profile: { county: string | null; ministry: string | null; level: 'central' | 'local' | null };
  total: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  byTheme: Record<string, number>;
  byMonth: Record<string, number>;
  open: number;
  overdue: number;
  medianDaysToCitizenReply: number | null;
}

/** Reflections counted at one place (`GET /dashboard/places`). */
export interface PlaceCount {
  county: string | null;
  town: string | null;
  village: string | null;
  count: number;
}

/** A row of the biweekly report. */
export interface ReportRow {
  kind: string;
  title: string;
  count: number;
  summary: string;
  opinions: string;
}

/** How a row of the report moved since a version. */
export interface ReportChange {
  title: string;
  before: number;
  after: number;
  addedCases: string[];
  removedCases: string[];
}

/** A version of the report (原報, 更正n) with its approval and submission. */
export interface ReportVersion {
  version: number;
  label: string;
  status: string;
  rows: ReportRow[];
  changes: ReportChange[];
  approval: { approver: string; approvedAt: string; onBehalf: { documentNo: string; decidedOn: string } | null; hash: string | null } | null;
  submission: { submittedOn: string; dueOn: string | null; late: boolean; daysLate: number | null; hash: string | null } | null;
  hash: string;
}

/** A unit's report of one period (`GET /reports/biweekly`). */
export interface BiweeklyReport {
  title: string;
  rocPeriod: string;
  status: string;
  owed: boolean;
  ended: boolean;
  dueOn: string;
  current: ReportVersion | null;
  rows: ReportRow[];
  versions: ReportVersion[];
  correctionPending: boolean;
  pendingChanges: ReportChange[];
}

/** A unit's row in the AAC's roster of submissions (`GET /reports/submissions`). */
export interface SubmissionRow {
  unitId: string;
  unitName: string;
  status: string;
  submittedOn: string | null;
  dueOn: string;
  late: boolean;
  daysLate: number;
  approver: string | null;
  approvedOnBehalf: { documentNo: string; decidedOn: string } | null;
  currentVersion: string | null;
  hash: string | null;
}

/** A correction (更正) a report owes (`GET /reports/corrections`). */
export interface CorrectionDue {
  periodStart: string;
  rocPeriod: string;
  state: 'due' | 'drafted' | 'approved';
  version: number;
  changes: ReportChange[];
}

/** What a citizen sees of their case (`GET /public/status`). */
export interface CaseStatus {
  receivedOn: string;
  stage: string;
  stageLabel: string;
  agency: string | null;
  letterNo: string | null;
  letterOn: string | null;
  replyDueOn: string | null;
  extension: { newDueOn: string; reason: string | null } | null;
  publishedResult: string | null;
}

/** One row of a work-record file as the import judged it. */
export interface ImportRowReport {
  row: number;
  outcome: 'to_import' | 'imported' | 'already_imported' | 'duplicate' | 'refused';
  receivedOn: string | null;
  nature: string | null;
  category: string | null;
  closedOn: string | null;
  village: string | null;
  problems: { column: string | null; code: string; message: string }[];
  notes: { column: string; message: string }[];
}

/** A work-record file checked or imported (`POST /imports/records`). */
export interface ImportReport {
  dryRun: boolean;
  refusedFile: boolean;
  file: { sheet: string; rows: number };
  importBefore: string;
  counts: Record<ImportRowReport['outcome'], number>;
  rows: ImportRowReport[];
  position: string | null;
}

/** How far an import is (`GET /imports/records/progress/:id`). */
export interface ImportProgress {
  stage: 'check' | 'record' | 'done';
  done: number;
  total: number;
}
