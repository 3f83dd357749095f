import { taipeiDateOf } from '../calendar/taipei-date';
import { addDays } from '../calendar/working-days';
import type { Decider, DomainEvent } from '../core/decider';
import { conflict, invalid, notFound } from '../core/domain-error';
import { onHeadsBehalf, type HeadDecisionRecorder, type OnHeadsBehalf } from '../core/head-signature';
import { oneOf, requiredText } from '../core/input-rules';
import type { ReportingPeriod } from './reporting-period';

/** Attachment 2's three rows, in the seed's order. */
export const REPORT_ROW_KINDS = ['public_need', 'policy_feedback', 'promotion'] as const;
export type ReportRowKind = (typeof REPORT_ROW_KINDS)[number];

/** What the read models say of a row: counted, never edited. */
export interface ReportRowFacts {
  kind: ReportRowKind;
  count: number;
  countsByCategory: Record<string, number>;
  itemIds: string[];
}

/** What an officer may rewrite: the content summary (內容摘要) and the handling opinions (處理意見). */
export interface ReportRowText {
  kind: ReportRowKind;
  summary: string;
  opinions: string;
}

/** Who put the approval in: the head, or the ethics unit recording the head's signed approval (any handling role). */
export type ReportApprover = 'agency_head' | 'supervisor_recording';

export type BiweeklyReportDrafted = DomainEvent<
  'BiweeklyReportDrafted',
  { reportId: string; unitId: string; periodStart: string; periodEnd: string; rows: ReportRowFacts[]; texts: ReportRowText[] }
>;
export type BiweeklyReportTextEdited = DomainEvent<'BiweeklyReportTextEdited', { texts: ReportRowText[] }>;
/** Version 2 added `onBehalf`: the head's signed approval, recorded by the ethics unit with its reference and date. */
export type BiweeklyReportApproved = DomainEvent<'BiweeklyReportApproved', { approver: ReportApprover; note: string | null; onBehalf: OnHeadsBehalf | null }>;
export type BiweeklyReportSubmitted = DomainEvent<'BiweeklyReportSubmitted', { submittedOn: string; late: boolean }>;
/** Facts about a period learned after its report was submitted: the submission stays as it was. */
export type BiweeklyReportAmended = DomainEvent<'BiweeklyReportAmended', { rows: ReportRowFacts[] }>;

export type BiweeklyReportEvent = BiweeklyReportDrafted | BiweeklyReportTextEdited | BiweeklyReportApproved | BiweeklyReportSubmitted | BiweeklyReportAmended;

export type BiweeklyReportCommand =
  | { type: 'DraftReport'; reportId: string; unitId: string; period: ReportingPeriod; rows: ReportRowFacts[]; composed: ReportRowText[] }
  | { type: 'EditReport'; texts: { kind: string; summary: string; opinions: string }[] }
  | ({ type: 'ApproveReport'; note?: string | null; now: Date } & HeadDecisionRecorder)
  | { type: 'SubmitReport'; now: Date; lateAfterDays: number };

export interface BiweeklyReportState {
  status: 'none' | 'drafted' | 'approved' | 'submitted';
  period: ReportingPeriod | null;
  rows: ReportRowFacts[];
  texts: ReportRowText[];
  /** Rows whose texts an officer rewrote: a fresh draft keeps them. */
  editedKinds: ReportRowKind[];
}

const sameFacts = (a: ReportRowFacts[], b: ReportRowFacts[]) => JSON.stringify(a) === JSON.stringify(b);

export const biweeklyReportDecider: Decider<BiweeklyReportCommand, BiweeklyReportEvent, BiweeklyReportState> = {
  initialState: () => ({ status: 'none', period: null, rows: [], texts: [], editedKinds: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'DraftReport': {
        if (state.status === 'submitted') return sameFacts(state.rows, command.rows) ? [] : [{ type: 'BiweeklyReportAmended', data: { rows: command.rows } }];
        if (state.status === 'approved') {
          if (sameFacts(state.rows, command.rows)) return [];
          throw conflict('REPORT_APPROVED', 'The report is approved: submit it, and later facts become an amendment');
        }
        if (state.status === 'drafted' && sameFacts(state.rows, command.rows)) return [];
        const texts = command.composed.map((text) => (state.editedKinds.includes(text.kind) ? (state.texts.find((t) => t.kind === text.kind) ?? text) : text));
        const { reportId, unitId, period, rows } = command;
        return [{ type: 'BiweeklyReportDrafted', data: { reportId, unitId, periodStart: period.start, periodEnd: period.end, rows, texts } }];
      }
      case 'EditReport': {
        if (state.status === 'none') throw notFound('REPORT_NOT_DRAFTED', 'Draft the report before editing it');
        if (state.status !== 'drafted') throw conflict('REPORT_LOCKED', `The report is ${state.status}: its texts can no longer change`);
        if (command.texts.length === 0) throw invalid('REQUIRED', 'rows', 'rows must name at least one row');
        const texts = command.texts.map((row, i) => ({
          kind: oneOf(row.kind, REPORT_ROW_KINDS, `rows[${i}].kind`),
          summary: requiredText(row.summary, `rows[${i}].summary`),
          opinions: requiredText(row.opinions, `rows[${i}].opinions`),
        }));
        if (new Set(texts.map((t) => t.kind)).size !== texts.length) throw invalid('DUPLICATE_ROW', 'rows', 'each row kind may appear once');
        return [{ type: 'BiweeklyReportTextEdited', data: { texts } }];
      }
      case 'ApproveReport': {
        const onBehalf = onHeadsBehalf(command, command.now);
        if (state.status === 'none') throw notFound('REPORT_NOT_DRAFTED', 'Draft the report before approving it');
        if (state.status !== 'drafted') throw conflict('REPORT_ALREADY_APPROVED', `The report is already ${state.status}`);
        const approver: ReportApprover = onBehalf ? 'supervisor_recording' : 'agency_head';
        return [{ type: 'BiweeklyReportApproved', data: { approver, note: command.note?.trim() || null, onBehalf } }];
      }
      case 'SubmitReport': {
        if (state.status === 'none') throw notFound('REPORT_NOT_DRAFTED', 'Draft the report before submitting it');
        if (state.status === 'drafted') throw conflict('REPORT_NOT_APPROVED', 'The agency head approves the report before it goes to the AAC');
        if (state.status === 'submitted') throw conflict('REPORT_ALREADY_SUBMITTED', 'The report was already submitted');
        const submittedOn = taipeiDateOf(command.now);
        const { end } = state.period as ReportingPeriod;
        if (submittedOn <= end) throw conflict('PERIOD_NOT_ENDED', `The period runs until ${end}: its report is submitted after it ends`, { end });
        const late = submittedOn > addDays((state.period as ReportingPeriod).end, command.lateAfterDays);
        return [{ type: 'BiweeklyReportSubmitted', data: { submittedOn, late } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'BiweeklyReportDrafted':
        return { ...state, status: 'drafted', period: { start: event.data.periodStart, end: event.data.periodEnd }, rows: event.data.rows, texts: event.data.texts };
      case 'BiweeklyReportTextEdited': {
        const edited = event.data.texts.map((t) => t.kind);
        return {
          ...state,
          texts: state.texts.map((text) => event.data.texts.find((t) => t.kind === text.kind) ?? text),
          editedKinds: [...new Set([...state.editedKinds, ...edited])],
        };
      }
      case 'BiweeklyReportApproved':
        return { ...state, status: 'approved' };
      case 'BiweeklyReportSubmitted':
        return { ...state, status: 'submitted' };
      case 'BiweeklyReportAmended':
        return { ...state, rows: event.data.rows };
    }
  },
};

/** The schema version each report event type is written at. */
export const REPORT_EVENT_VERSIONS: Record<BiweeklyReportEvent['type'], number> = {
  BiweeklyReportDrafted: 1,
  BiweeklyReportTextEdited: 1,
  BiweeklyReportApproved: 2,
  BiweeklyReportSubmitted: 1,
  BiweeklyReportAmended: 1,
};

/** A stored report event's data in its current shape; null for an unknown type or a newer version. A v1 approval named no paper. */
export function upcastReportEvent(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> | null {
  const current = REPORT_EVENT_VERSIONS[type as BiweeklyReportEvent['type']];
  if (current === undefined || version < 1 || version > current) return null;
  if (type === 'BiweeklyReportApproved' && version === 1) return { ...data, onBehalf: null };
  return data;
}
