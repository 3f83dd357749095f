import type { BiweeklyReportEvent, OnHeadsBehalf, ReportApprover, ReportRowChange, ReportRowFacts, ReportRowText } from '@integrity/domain';
import type { RecordedEvent } from '@integrity/event-store';

/** The AAC's receipt of a submission: the root of the audit checkpoint recorded after it. */
export interface AuditReceipt {
  root: string;
  /** How many events of the log the checkpoint covers. */
  events: number;
  recordedAt: string;
}

/** One version of a report: the original (0) or a correction (更正1, 2, …), with its approval and submission. */
export interface ReportVersionDocument {
  version: number;
  status: 'drafted' | 'approved' | 'submitted';
  rows: ReportRowFacts[];
  texts: ReportRowText[];
  /** For a correction: how its facts moved from the version it corrects. */
  changes: ReportRowChange[];
  draftedAt: string;
  approval: {
    approver: ReportApprover;
    approvedAt: string;
    /** The head's signed approval the ethics unit recorded; null when the head approved in person. */
    onBehalf: OnHeadsBehalf | null;
    note: string | null;
    /** The hash of the content approved (null for approvals recorded before hashes were kept). */
    hash: string | null;
  } | null;
  submission: {
    submittedOn: string;
    /** The original's due date; null for a correction, or a submission recorded before due dates were kept. */
    dueOn: string | null;
    late: boolean;
    daysLate: number | null;
    hash: string | null;
    /** The audit checkpoint recorded after the submission: its root is the AAC's receipt of the history as it stood. */
    auditReceipt: AuditReceipt | null;
  } | null;
}

/** One unit's report for one period, every version of it, as the report screens and the AAC's roster read it. */
export interface ReportDocument {
  _id: string;
  _position: string;
  unitId: string;
  periodStart: string;
  periodEnd: string;
  /** The status of the latest version. */
  status: ReportVersionDocument['status'];
  versions: ReportVersionDocument[];
  /** A submission awaits the audit checkpoint that gives its receipt. */
  receiptPending: boolean;
  draftedAt: string;
  updatedAt: string;
  revision: number;
}

type Data<T extends BiweeklyReportEvent['type']> = Extract<BiweeklyReportEvent, { type: T }>['data'];

const fresh = (version: number, rows: ReportRowFacts[], texts: ReportRowText[], changes: ReportRowChange[], at: string): ReportVersionDocument => ({
  version,
  status: 'drafted',
  rows,
  texts,
  changes,
  draftedAt: at,
  approval: null,
  submission: null,
});

/** The version on its way (drafted or approved) when there is one, as the decider folds it. */
const withLatest = (doc: ReportDocument, change: (version: ReportVersionDocument) => ReportVersionDocument): ReportDocument => {
  const versions = doc.versions.map((v, i) => (i === doc.versions.length - 1 ? change(v) : v));
  return { ...doc, versions, status: versions[versions.length - 1].status };
};

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
        versions: [fresh(0, data.rows, data.texts, [], doc?.versions[0]?.draftedAt ?? at)],
        receiptPending: false,
        draftedAt: doc?.draftedAt ?? at,
        updatedAt: at,
        revision: event.revision,
      };
    }
    if (!doc) return null;
    switch (event.type) {
      case 'BiweeklyReportAmended': {
        const { version, rows, texts, changes } = event.data as unknown as Data<'BiweeklyReportAmended'>;
        const latest = doc.versions[doc.versions.length - 1];
        if (latest.status !== 'submitted') return withLatest(doc, (v) => ({ ...v, version, rows, texts: texts ?? v.texts, changes }));
        return { ...doc, status: 'drafted', versions: [...doc.versions, fresh(version, rows, texts ?? latest.texts, changes, at)] };
      }
      case 'BiweeklyReportTextEdited': {
        const { texts } = event.data as unknown as Data<'BiweeklyReportTextEdited'>;
        return withLatest(doc, (v) => ({ ...v, texts: v.texts.map((text) => texts.find((t) => t.kind === text.kind) ?? text) }));
      }
      case 'BiweeklyReportApproved': {
        const { approver, onBehalf, note, hash } = event.data as unknown as Data<'BiweeklyReportApproved'>;
        return withLatest(doc, (v) => ({ ...v, status: 'approved', approval: { approver, approvedAt: at, onBehalf, note, hash } }));
      }
      case 'BiweeklyReportSubmitted': {
        const { submittedOn, dueOn, late, daysLate, hash } = event.data as unknown as Data<'BiweeklyReportSubmitted'>;
        const submitted = withLatest(doc, (v) => ({ ...v, status: 'submitted', submission: { submittedOn, dueOn, late, daysLate, hash, auditReceipt: null } }));
        return { ...submitted, receiptPending: true };
      }
      default:
        return null;
    }
  })();
  return next && { ...next, updatedAt: at, revision: event.revision };
}

/** The audit checkpoint covering the report's latest submission: the AAC's receipt, kept with that submission. */
export function receiptOf(doc: ReportDocument, receipt: AuditReceipt): ReportDocument {
  const index = doc.versions.map((v) => v.submission !== null && v.submission.auditReceipt === null).lastIndexOf(true);
  const versions = doc.versions.map((v, i) => (i === index && v.submission ? { ...v, submission: { ...v.submission, auditReceipt: receipt } } : v));
  return { ...doc, versions, receiptPending: false };
}
