import {
  addDays,
  daysBetween,
  periodOf,
  reportChanges,
  reportContent,
  rocReportMonth,
  rocStatisticsPeriod,
  versionLabel,
  type ReportingPeriod,
  type ReportRowChange,
  type ReportRowFacts,
  type ReportRowKind,
} from '@integrity/domain';
import { streamIdOf, type EventStore } from '@integrity/event-store';
import { activeFromOf, unitKindOf, type Unit, type UnitRegister } from '@integrity/identity';
import { recordedBy, reportFrom, type ActiveReadModels, type ReportDocument, type ReportVersionDocument } from '@integrity/read-models';
import type { BiweeklyReportBuilder, BuiltRow, ReportItem } from '../report-builder';
import { reportHash, reportIdFor } from '../report-drafting';
import type { ReportDueRule } from '../report-due-rule';
import { reportTitle, ROW_TITLES } from '../report-vocabulary';

export interface ReportRowView {
  kind: ReportRowKind;
  title: string;
  count: number;
  countsByCategory: Record<string, number>;
  items: ReportItem[];
  /** The text before the count; the forms print `${summary}（計${count}案）`. */
  summary: string;
  opinions: string;
}

/** How a row moved, with the cases named by their numbers. */
export interface ReportChangeView extends ReportRowChange {
  title: string;
  addedCases: string[];
  removedCases: string[];
}

export interface ReportVersionView {
  version: number;
  /** 原報, 更正1, … */
  label: string;
  status: ReportVersionDocument['status'];
  rows: ReportRowView[];
  changes: ReportChangeView[];
  draftedAt: string;
  approval: ReportVersionDocument['approval'];
  submission: ReportVersionDocument['submission'];
  /** SHA-256 of the version's canonical content as it reads now (reportContent). */
  hash: string;
  /** Whether that is the hash the head approved; null when the approval recorded none (or there is no approval yet). */
  hashMatchesApproval: boolean | null;
}

export interface BiweeklyReportView {
  unit: { id: string; name: string; agencyName: string };
  period: ReportingPeriod;
  rocMonth: string;
  rocPeriod: string;
  title: string;
  reportId: string;
  revision: number | null;
  /** Whether the unit owes this period's report: its period ends on or after the day the unit started. */
  owed: boolean;
  /** Whether the period has ended (in Asia/Taipei): only then is it drafted, approved and submitted. */
  ended: boolean;
  /** The last day the original is on time. */
  dueOn: string;
  /** The status of the version shown, or not_drafted. */
  status: 'not_drafted' | ReportVersionDocument['status'];
  /** The version shown as the report: the AAC reads the last one submitted; the unit, the one it is working on. */
  current: ReportVersionView | null;
  /** The rows shown: the current version's, or (for the unit, before any draft) the period as counted now. */
  rows: ReportRowView[];
  /** Every version the reader may see, oldest first: the AAC sees submitted versions only. */
  versions: ReportVersionView[];
  /** For the unit: a correction (更正) is owed or on its way, to be approved and submitted. */
  correctionPending: boolean;
  /** For the unit: how the period's facts moved since the version shown (a correction owed, or a stale draft). */
  pendingChanges: ReportChangeView[];
}

export interface SubmissionRow {
  unitId: string;
  unitName: string;
  /** The original's status, or not_drafted. */
  status: 'not_drafted' | ReportVersionDocument['status'];
  submittedOn: string | null;
  dueOn: string;
  late: boolean;
  /** Days past the due date: at submission, or until today while it is not submitted. */
  daysLate: number;
  approver: string | null;
  approvedOnBehalf: { documentNo: string; decidedOn: string } | null;
  /** The version the AAC reads now (原報, 更正n) and its hash; null before the first submission. */
  currentVersion: string | null;
  hash: string | null;
  /** Corrections submitted after the original. */
  corrections: number;
}

export interface CorrectionDue {
  periodStart: string;
  rocPeriod: string;
  /** `due`: facts changed and no correction is drafted yet; otherwise the open correction's status. */
  state: 'due' | 'drafted' | 'approved';
  version: number;
  changes: ReportChangeView[];
}

const titled = (changes: ReportRowChange[], items: ReportItem[]): ReportChangeView[] => {
  const caseOf = (id: string) => items.find((item) => item.id === id)?.caseNo ?? id;
  return changes.map((change) => ({ ...change, title: ROW_TITLES[change.kind], addedCases: change.added.map(caseOf), removedCases: change.removed.map(caseOf) }));
};

/** A unit's report for a period (the versions it may see), the AAC's roster, and the corrections a unit owes. */
export class ReportReader {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly builder: BiweeklyReportBuilder,
    private readonly units: UnitRegister,
    private readonly events: EventStore,
    private readonly dueRule: ReportDueRule,
  ) {}

  periods(anchor: string, today: string, count: number): (ReportingPeriod & { rocMonth: string; rocPeriod: string })[] {
    const current = periodOf(today, anchor);
    return Array.from({ length: count }, (_, i) => periodOf(addDays(current.start, -i * 14), anchor)).map((period) => ({
      ...period,
      rocMonth: rocReportMonth(period),
      rocPeriod: rocStatisticsPeriod(period),
    }));
  }

  /**
   * The report as recorded now or, as of an instant, as it stood then (its own events, and its cases, up to that
   * instant). `forAac`: only what was submitted, never a draft or an unsubmitted correction. Null for no ethics unit.
   */
  async report(unitId: string, period: ReportingPeriod, options: { asOf?: Date | null; forAac: boolean; today: string }): Promise<BiweeklyReportView | null> {
    const unit = await this.units.get(unitId);
    if (!unit || unitKindOf(unit) === 'aac') return null;
    const asOf = options.asOf ?? null;
    const reportId = reportIdFor(unitId, period.start);
    const [built, doc, dueOn] = await Promise.all([
      this.builder.build(unitId, period, asOf),
      asOf ? this.events.readStream(streamIdOf('report', reportId)).then((history) => reportFrom(recordedBy(history, asOf))) : this.readModels.current().then((set) => set.reports.findOne({ _id: reportId })),
      this.dueRule.dueOn(period),
    ]);
    const items = built.flatMap((row) => row.items);
    const all = (doc?.versions ?? []).map((version) => this.versionView(unitId, period, version, built));
    const versions = options.forAac ? all.filter((v) => v.status === 'submitted') : all;
    const current = versions[versions.length - 1] ?? null;
    const live = built.map((row) => row.facts);
    const pendingChanges = options.forAac || !current ? [] : titled(reportChanges(current.rows.map(factsOf), live), items);
    return {
      unit: { id: unit._id, name: unit.name, agencyName: unit.agencyName },
      period,
      rocMonth: rocReportMonth(period),
      rocPeriod: rocStatisticsPeriod(period),
      title: reportTitle(unit.name, rocReportMonth(period)),
      reportId,
      revision: doc?.revision ?? null,
      owed: activeFromOf(unit) <= period.end,
      ended: options.today > period.end,
      dueOn,
      status: current?.status ?? 'not_drafted',
      current,
      rows: current?.rows ?? (options.forAac ? [] : built.map((row) => rowView(row.facts, row.composed, row.items))),
      versions,
      correctionPending: !options.forAac && current !== null && (current.status === 'submitted' ? pendingChanges.length > 0 : current.version > 0),
      pendingChanges,
    };
  }

  private versionView(unitId: string, period: ReportingPeriod, version: ReportVersionDocument, built: BuiltRow[]): ReportVersionView {
    const items = built.flatMap((row) => row.items);
    const hash = reportHash(reportContent(unitId, period, version));
    return {
      version: version.version,
      label: versionLabel(version.version),
      status: version.status,
      rows: version.rows.map((facts) => {
        const text = version.texts.find((t) => t.kind === facts.kind) ?? { kind: facts.kind, summary: '', opinions: '' };
        return rowView(facts, text, items.filter((item) => facts.itemIds.includes(item.id)));
      }),
      changes: titled(version.changes, items),
      draftedAt: version.draftedAt,
      approval: version.approval,
      submission: version.submission,
      hash,
      hashMatchesApproval: version.approval?.hash ? version.approval.hash === hash : null,
    };
  }

  /** For the AAC: every ethics unit that owes the period, submitted or not, on time or late, and the version it reads. */
  async submissions(period: ReportingPeriod, today: string): Promise<SubmissionRow[]> {
    const [units, reports, dueOn] = await Promise.all([this.units.ethicsUnits(), (await this.readModels.current()).reports.find({ periodStart: period.start }), this.dueRule.dueOn(period)]);
    const byUnit = new Map(reports.map((report) => [report.unitId, report]));
    return units.filter((unit) => activeFromOf(unit) <= period.end).map((unit) => submissionOf(unit, byUnit.get(unit._id) ?? null, dueOn, today));
  }

  /** The unit's submitted periods whose facts have since changed, or whose correction is on its way (更正待辦). */
  async correctionsDue(unitId: string): Promise<CorrectionDue[]> {
    const reports = await (await this.readModels.current()).reports.find({ unitId, status: { $in: ['submitted', 'drafted', 'approved'] } }, { sort: { periodStart: -1 } });
    const due: CorrectionDue[] = [];
    for (const report of reports) {
      const latest = report.versions[report.versions.length - 1];
      if (latest.version === 0 && latest.status !== 'submitted') continue;
      const period = { start: report.periodStart, end: report.periodEnd };
      const built = await this.builder.build(unitId, period);
      const changes = titled(latest.status === 'submitted' ? reportChanges(latest.rows, built.map((row) => row.facts)) : latest.changes, built.flatMap((row) => row.items));
      if (latest.status === 'submitted' && changes.length === 0) continue;
      due.push({ periodStart: period.start, rocPeriod: rocStatisticsPeriod(period), state: latest.status === 'submitted' ? 'due' : latest.status, version: latest.status === 'submitted' ? latest.version + 1 : latest.version, changes });
    }
    return due;
  }
}

const factsOf = (row: ReportRowView): ReportRowFacts => ({ kind: row.kind, count: row.count, countsByCategory: row.countsByCategory, itemIds: row.items.map((item) => item.id) });

function rowView(facts: ReportRowFacts, text: { summary: string; opinions: string }, items: ReportItem[]): ReportRowView {
  return { kind: facts.kind, title: ROW_TITLES[facts.kind], count: facts.count, countsByCategory: facts.countsByCategory, items, summary: text.summary, opinions: text.opinions };
}

function submissionOf(unit: Unit, report: ReportDocument | null, dueOn: string, today: string): SubmissionRow {
  const original = report?.versions[0] ?? null;
  const submitted = report?.versions.filter((v) => v.submission !== null) ?? [];
  const current = submitted[submitted.length - 1] ?? null;
  // A submission keeps the due date and lateness it was judged by; one recorded before they were kept is judged now.
  const submission = original?.submission ?? null;
  const due = submission?.dueOn ?? dueOn;
  const daysLate = submission?.daysLate ?? Math.max(0, daysBetween(due, submission?.submittedOn ?? today));
  return {
    unitId: unit._id,
    unitName: unit.name,
    status: original?.status ?? 'not_drafted',
    submittedOn: submission?.submittedOn ?? null,
    dueOn: due,
    late: daysLate > 0,
    daysLate,
    approver: original?.approval?.approver ?? null,
    approvedOnBehalf: original?.approval?.onBehalf ?? null,
    currentVersion: current ? versionLabel(current.version) : null,
    hash: current?.submission?.hash ?? null,
    corrections: Math.max(0, submitted.length - 1),
  };
}
