import { addDays, periodOf, rocReportMonth, rocStatisticsPeriod, type OnHeadsBehalf, type ReportingPeriod, type ReportRowKind } from '@integrity/domain';
import type { UnitRegister } from '@integrity/identity';
import { recordedBy, reportFrom, type ActiveReadModels, type AuditReceipt, type ReportDocument } from '@integrity/read-models';
import { streamIdOf, type EventStore } from '@integrity/event-store';
import type { BiweeklyReportBuilder, ReportItem } from '../report-builder';
import { reportIdFor } from '../report-drafting';
import { reportTitle, ROW_TITLES } from '../report-vocabulary';

export interface ReportRowView {
  kind: ReportRowKind;
  title: string;
  count: number;
  countsByCategory: Record<string, number>;
  items: ReportItem[];
  summary: string;
  opinions: string;
}

export interface BiweeklyReportView {
  unit: { id: string; name: string; agencyName: string };
  period: ReportingPeriod;
  rocMonth: string;
  rocPeriod: string;
  title: string;
  status: 'not_drafted' | ReportDocument['status'];
  report: {
    id: string;
    revision: number;
    approver: string | null;
    approvedAt: string | null;
    /** The head's signed approval the unit recorded; null when the head approved in person. */
    approvedOnBehalf: OnHeadsBehalf | null;
    submittedOn: string | null;
    late: boolean;
    /** After submission: the audit checkpoint's root covering it, the AAC's receipt of the history as it stood. */
    auditReceipt: AuditReceipt | null;
  } | null;
  rows: ReportRowView[];
  amendments: ReportDocument['amendments'];
}

/** A unit's report for a period: the drafted one as recorded, or a live preview before it is drafted. */
export class ReportReader {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly builder: BiweeklyReportBuilder,
    private readonly units: UnitRegister,
    private readonly events: EventStore,
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
   * The report as recorded now or, as of an instant, as it stood then (its own events up to that instant: as
   * submitted, before later amendments); its items are the cases its recorded counts name.
   */
  async report(unitId: string, period: ReportingPeriod, asOf: Date | null = null): Promise<BiweeklyReportView | null> {
    const unit = await this.units.get(unitId);
    if (!unit) return null;
    const built = await this.builder.build(unitId, period);
    const reportId = reportIdFor(unitId, period.start);
    const doc = asOf
      ? reportFrom(recordedBy(await this.events.readStream(streamIdOf('report', reportId)), asOf))
      : await (await this.readModels.current()).reports.findOne({ _id: reportId });
    const rows = built.map(({ facts, composed, items }): ReportRowView => {
      const recorded = doc?.rows.find((r) => r.kind === facts.kind);
      const text = doc?.texts.find((t) => t.kind === facts.kind) ?? composed;
      const counted = recorded ?? facts;
      return {
        kind: facts.kind,
        title: ROW_TITLES[facts.kind],
        count: counted.count,
        countsByCategory: counted.countsByCategory,
        items: recorded ? items.filter((item) => recorded.itemIds.includes(item.id)) : items,
        summary: text.summary,
        opinions: text.opinions,
      };
    });
    return {
      unit: { id: unit._id, name: unit.name, agencyName: unit.agencyName },
      period,
      rocMonth: rocReportMonth(period),
      rocPeriod: rocStatisticsPeriod(period),
      title: reportTitle(unit.name, rocReportMonth(period)),
      status: doc?.status ?? 'not_drafted',
      report: doc && {
        id: doc._id,
        revision: doc.revision,
        approver: doc.approver,
        approvedAt: doc.approvedAt,
        approvedOnBehalf: doc.approvedOnBehalf ?? null,
        submittedOn: doc.submittedOn,
        late: doc.late,
        auditReceipt: doc.auditReceipt ?? null,
      },
      rows,
      amendments: doc?.amendments ?? [],
    };
  }

  /** For the AAC: every unit for a period, submitted or not, on time or late. */
  async submissions(period: ReportingPeriod, today: string, lateAfterDays: number) {
    const [units, reports] = await Promise.all([this.units.ethicsUnits(), (await this.readModels.current()).reports.find({ periodStart: period.start })]);
    const byUnit = new Map(reports.map((report) => [report.unitId, report]));
    const overdue = today > addDays(period.end, lateAfterDays);
    return units.map((unit) => {
      const report = byUnit.get(unit._id);
      return {
        unitId: unit._id,
        unitName: unit.name,
        status: report?.status ?? 'not_drafted',
        submittedOn: report?.submittedOn ?? null,
        late: report ? report.late || (report.status !== 'submitted' && overdue) : overdue,
        approver: report?.approver ?? null,
        approvedOnBehalf: report?.approvedOnBehalf ?? null,
      };
    });
  }
}
