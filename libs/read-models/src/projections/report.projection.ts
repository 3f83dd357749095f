import type { BiweeklyReportEvent, OnHeadsBehalf, ReportApprover, ReportRowFacts, ReportRowText } from '@integrity/domain';
import type { RecordedEvent } from '@integrity/event-store';

/** The AAC's receipt of a submitted report: the root of the audit checkpoint recorded after the submission. */
export interface AuditReceipt {
  root: string;
  /** The last event the checkpoint covers. */
  position: string;
  recordedAt: string;
}

/** One unit's report for one period, as the report screens and the AAC's submissions view read it. */
export interface ReportDocument {
  _id: string;
  _position: string;
  unitId: string;
  periodStart: string;
  periodEnd: string;
  status: 'drafted' | 'approved' | 'submitted';
  rows: ReportRowFacts[];
  texts: ReportRowText[];
  approver: ReportApprover | null;
  approvedAt: string | null;
  /** The head's signed approval the ethics unit recorded; null when the head approved in person. */
  approvedOnBehalf: OnHeadsBehalf | null;
  submittedOn: string | null;
  late: boolean;
  amendments: { rows: ReportRowFacts[]; at: string }[];
  /** The audit checkpoint recorded after the submission: its root is the AAC's receipt of the history as it stood. */
  auditReceipt?: AuditReceipt | null;
  draftedAt: string;
  updatedAt: string;
  revision: number;
}

type Data<T extends BiweeklyReportEvent['type']> = Extract<BiweeklyReportEvent, { type: T }>['data'];

/** The report read model after one more event; null for an event on a report never drafted. */
export function projectReport(doc: ReportDocument | null, event: RecordedEvent): ReportDocument | null {
  const at = event.metadata.occurredAt;
  const next = ((): ReportDocument | null => {
    if (event.type === 'BiweeklyReportDrafted') {
      const data = event.data as unknown as Data<'BiweeklyReportDrafted'>;
      return {
        _id: data.reportId,
        _position: '',
        unitId: data.unitId,
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
        status: 'drafted',
        rows: data.rows,
        texts: data.texts,
        approver: null,
        approvedAt: null,
        approvedOnBehalf: null,
        submittedOn: null,
        late: false,
        amendments: doc?.amendments ?? [],
        draftedAt: doc?.draftedAt ?? at,
        updatedAt: at,
        revision: event.revision,
      };
    }
    if (!doc) return null;
    switch (event.type) {
      case 'BiweeklyReportTextEdited': {
        const { texts } = event.data as unknown as Data<'BiweeklyReportTextEdited'>;
        return { ...doc, texts: doc.texts.map((text) => texts.find((t) => t.kind === text.kind) ?? text) };
      }
      case 'BiweeklyReportApproved': {
        const { approver, onBehalf } = event.data as unknown as Data<'BiweeklyReportApproved'>;
        return { ...doc, status: 'approved', approver, approvedAt: at, approvedOnBehalf: onBehalf };
      }
      case 'BiweeklyReportSubmitted': {
        const { submittedOn, late } = event.data as unknown as Data<'BiweeklyReportSubmitted'>;
        return { ...doc, status: 'submitted', submittedOn, late };
      }
      case 'BiweeklyReportAmended': {
        const { rows } = event.data as unknown as Data<'BiweeklyReportAmended'>;
        return { ...doc, amendments: [...doc.amendments, { rows, at }] };
      }
      default:
        return null;
    }
  })();
  return next && { ...next, updatedAt: at, revision: event.revision };
}
