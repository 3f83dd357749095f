import { taipeiDateOf } from '../calendar/taipei-date';
import { addDays, daysBetween } from '../calendar/working-days';
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

/**
 * What an officer may rewrite: the content summary (內容摘要) and the handling opinions (處理意見). The summary is
 * the text before the count: 計○案 is always printed from the counts, so no text can contradict them.
 */
export interface ReportRowText {
  kind: ReportRowKind;
  summary: string;
  opinions: string;
}

/** How a row's facts moved between two versions: its counts and the items that came and went. */
export interface ReportRowChange {
  kind: ReportRowKind;
  before: number;
  after: number;
  added: string[];
  removed: string[];
}

/** Who put the approval in: the head, or the ethics unit recording the head's signed approval (any handling role). */
export type ReportApprover = 'agency_head' | 'supervisor_recording';

/** The original report (version 0) as first drafted; drafted again while nobody approved it. */
export type BiweeklyReportDrafted = DomainEvent<
  'BiweeklyReportDrafted',
  { reportId: string; unitId: string; periodStart: string; periodEnd: string; rows: ReportRowFacts[]; texts: ReportRowText[]; draftedOn: string | null }
>;
export type BiweeklyReportTextEdited = DomainEvent<'BiweeklyReportTextEdited', { texts: ReportRowText[]; editedOn: string | null }>;
/**
 * The head approved the version (核定), in person or on paper (`onBehalf`); `hash` is the approved content's
 * (reportContent), the one the submission carries to the AAC. Null only for approvals recorded before hashes.
 */
export type BiweeklyReportApproved = DomainEvent<'BiweeklyReportApproved', { approver: ReportApprover; note: string | null; onBehalf: OnHeadsBehalf | null; version: number; hash: string | null }>;
/** The approved version went to the AAC (報送). Only the original has a due date and can be late. */
export type BiweeklyReportSubmitted = DomainEvent<
  'BiweeklyReportSubmitted',
  { submittedOn: string; version: number; hash: string | null; dueOn: string | null; late: boolean; daysLate: number | null }
>;
/**
 * A correction (更正n) drafted, or drafted again, because facts of a submitted period changed: it goes through
 * the head and is submitted like the original. `texts` is null only in corrections recorded before they had texts
 * of their own: those keep the texts of the version they correct.
 */
export type BiweeklyReportAmended = DomainEvent<
  'BiweeklyReportAmended',
  { version: number; rows: ReportRowFacts[]; texts: ReportRowText[] | null; changes: ReportRowChange[]; draftedOn: string | null }
>;

export type BiweeklyReportEvent = BiweeklyReportDrafted | BiweeklyReportTextEdited | BiweeklyReportApproved | BiweeklyReportSubmitted | BiweeklyReportAmended;

export type BiweeklyReportCommand =
  | { type: 'DraftReport'; reportId: string; unitId: string; period: ReportingPeriod; rows: ReportRowFacts[]; composed: ReportRowText[]; now: Date }
  | { type: 'EditReport'; texts: { kind: string; summary: string; opinions: string }[]; now: Date }
  /**
   * `rows` are the period's facts counted at the moment of approval: the head approves only what is there.
   * `seenHash`, when given, is the content the head looked at; anything else is stale.
   */
  | ({ type: 'ApproveReport'; period: ReportingPeriod; note?: string | null; now: Date; rows: ReportRowFacts[]; seenHash?: string | null } & HeadDecisionRecorder)
  /** `dueOn`: the last day the original may be submitted on time (working days after the period, on the office calendar). */
  | { type: 'SubmitReport'; now: Date; dueOn: string };

/** One version of the report: the original (0) or a correction (1, 2, …). */
export interface ReportVersion {
  version: number;
  status: 'drafted' | 'approved' | 'submitted';
  rows: ReportRowFacts[];
  texts: ReportRowText[];
  /** Rows whose texts an officer rewrote: a fresh draft keeps them. */
  editedKinds: ReportRowKind[];
  /** The last day its content changed: what the head signs cannot be older. Null for events recorded before it was kept. */
  preparedOn: string | null;
  hash: string | null;
  submittedOn: string | null;
}

export interface BiweeklyReportState {
  reportId: string | null;
  unitId: string | null;
  period: ReportingPeriod | null;
  versions: ReportVersion[];
}

/** 原報 or 更正n, as the forms name a version. */
export const versionLabel = (version: number): string => (version === 0 ? '原報' : `更正${version}`);

const sameFacts = (a: ReportRowFacts[], b: ReportRowFacts[]) => JSON.stringify(a) === JSON.stringify(b);

/** How each row's facts moved from `before` to `after`; rows that did not move are left out. */
export function reportChanges(before: ReportRowFacts[], after: ReportRowFacts[]): ReportRowChange[] {
  return REPORT_ROW_KINDS.flatMap((kind) => {
    const was = before.find((r) => r.kind === kind);
    const now = after.find((r) => r.kind === kind);
    if (JSON.stringify(was) === JSON.stringify(now)) return [];
    const wasIds = was?.itemIds ?? [];
    const nowIds = now?.itemIds ?? [];
    return [{ kind, before: was?.count ?? 0, after: now?.count ?? 0, added: nowIds.filter((id) => !wasIds.includes(id)), removed: wasIds.filter((id) => !nowIds.includes(id)) }];
  });
}

/** 計3案, 計 3 案, 計三案: a count written into a text, which would contradict the counted one. */
const COUNT_IN_TEXT = /計\s*[0-9０-９〇零一二兩三四五六七八九十百千]+\s*案/;

/** Texts recorded before counts were printed by the system ended in their own （計○案）; the count is taken out. */
export const withoutCount = (summary: string): string => summary.replace(/（計\s*\d+\s*案）。?/g, '').trim() || '無';

/**
 * The canonical content of a version, the text its hash is taken of: the unit, the period, the version, and each
 * row's counts, items and texts, in a fixed order. Anyone holding the report's JSON can hash it again.
 */
export function reportContent(unitId: string, period: ReportingPeriod, version: Pick<ReportVersion, 'version' | 'rows' | 'texts'>): string {
  const rows = REPORT_ROW_KINDS.map((kind) => {
    const facts = version.rows.find((r) => r.kind === kind);
    const text = version.texts.find((t) => t.kind === kind);
    const categories = Object.fromEntries(Object.entries(facts?.countsByCategory ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
    return { kind, count: facts?.count ?? 0, countsByCategory: categories, itemIds: facts?.itemIds ?? [], summary: text?.summary ?? '', opinions: text?.opinions ?? '' };
  });
  return JSON.stringify({ unitId, periodStart: period.start, periodEnd: period.end, version: version.version, rows });
}

/** The version still on its way to the AAC (drafted or approved); null when every version was submitted. */
export const openVersion = (state: BiweeklyReportState): ReportVersion | null => {
  const last = state.versions[state.versions.length - 1];
  return last && last.status !== 'submitted' ? last : null;
};

/** The version the AAC reads: the last one submitted. */
export const lastSubmitted = (state: { versions: ReportVersion[] }): ReportVersion | null => [...state.versions].reverse().find((v) => v.status === 'submitted') ?? null;

function requirePeriodEnded(period: ReportingPeriod, now: Date, step: string): void {
  if (taipeiDateOf(now) <= period.end) throw conflict('PERIOD_NOT_ENDED', `The period runs until ${period.end}: its report is ${step} after it ends`, { end: period.end });
}

/** Texts for fresh facts: the officer's rewritten texts stay, the others are composed afresh. */
const textsFor = (version: ReportVersion, composed: ReportRowText[]) =>
  composed.map((text) => (version.editedKinds.includes(text.kind) ? (version.texts.find((t) => t.kind === text.kind) ?? text) : text));

/**
 * The biweekly report of one unit and period (Attachment 2) through its life: drafted after the period ends,
 * approved by the head exactly as it stands, submitted to the AAC; facts that change a submitted period make a
 * correction that walks the same path. `hash` digests reportContent (SHA-256 in the product); it is given so
 * that the decider stays pure.
 */
export function biweeklyReportDecider(hash: (content: string) => string): Decider<BiweeklyReportCommand, BiweeklyReportEvent, BiweeklyReportState> {
  const hashOf = (state: BiweeklyReportState, version: ReportVersion) => hash(reportContent(state.unitId as string, state.period as ReportingPeriod, version));
  return {
    initialState: () => ({ reportId: null, unitId: null, period: null, versions: [] }),

    decide(command, state) {
      switch (command.type) {
        case 'DraftReport': {
          requirePeriodEnded(command.period, command.now, 'drafted');
          const { reportId, unitId, period, rows, composed } = command;
          const draftedOn = taipeiDateOf(command.now);
          const open = openVersion(state);
          const last = state.versions[state.versions.length - 1];
          if (!last) return [{ type: 'BiweeklyReportDrafted', data: { reportId, unitId, periodStart: period.start, periodEnd: period.end, rows, texts: composed, draftedOn } }];
          if (sameFacts(last.rows, rows)) return [];
          if (open?.status === 'approved') throw conflict('REPORT_APPROVED', 'The report is approved: submit it, and later facts become a correction');
          if (open?.version === 0) {
            return [{ type: 'BiweeklyReportDrafted', data: { reportId, unitId, periodStart: period.start, periodEnd: period.end, rows, texts: textsFor(open, composed), draftedOn } }];
          }
          const corrected = lastSubmitted(state) as ReportVersion;
          // A row whose facts did not move keeps the text the AAC already has; a moved row is composed afresh.
          const fresh = composed.map((text) => (reportChanges(corrected.rows, rows).some((c) => c.kind === text.kind) ? text : (corrected.texts.find((t) => t.kind === text.kind) ?? text)));
          const texts = open ? textsFor(open, fresh) : fresh;
          const version = open ? open.version : last.version + 1;
          return [{ type: 'BiweeklyReportAmended', data: { version, rows, texts, changes: reportChanges(corrected.rows, rows), draftedOn } }];
        }
        case 'EditReport': {
          if (state.versions.length === 0) throw notFound('REPORT_NOT_DRAFTED', 'Draft the report before editing it');
          const open = openVersion(state);
          if (open?.status !== 'drafted') throw conflict('REPORT_LOCKED', `The report is ${open ? open.status : 'submitted'}: its texts can no longer change`);
          if (command.texts.length === 0) throw invalid('REQUIRED', 'rows', 'rows must name at least one row');
          const texts = command.texts.map((row, i) => {
            const text = { kind: oneOf(row.kind, REPORT_ROW_KINDS, `rows[${i}].kind`), summary: requiredText(row.summary, `rows[${i}].summary`), opinions: requiredText(row.opinions, `rows[${i}].opinions`) };
            for (const field of ['summary', 'opinions'] as const) {
              if (COUNT_IN_TEXT.test(text[field])) throw invalid('COUNT_IN_TEXT', `rows[${i}].${field}`, `rows[${i}].${field} writes its own count: 計○案 is printed from the counts`);
            }
            return text;
          });
          if (new Set(texts.map((t) => t.kind)).size !== texts.length) throw invalid('DUPLICATE_ROW', 'rows', 'each row kind may appear once');
          return [{ type: 'BiweeklyReportTextEdited', data: { texts, editedOn: taipeiDateOf(command.now) } }];
        }
        case 'ApproveReport': {
          const period = command.period;
          requirePeriodEnded(period, command.now, 'approved');
          if (state.versions.length === 0) throw notFound('REPORT_NOT_DRAFTED', 'Draft the report before approving it');
          const open = openVersion(state);
          if (!open) throw conflict('REPORT_ALREADY_SUBMITTED', 'The report was already submitted; changed facts make a correction');
          if (open.status !== 'drafted') throw conflict('REPORT_ALREADY_APPROVED', `The report is already ${open.status}`);
          const changes = reportChanges(open.rows, command.rows);
          if (changes.length > 0) throw conflict('REPORT_STALE', 'Facts of the period changed since the draft: draft it again, then approve', { changes });
          const approvedHash = hashOf(state, open);
          if (command.seenHash && command.seenHash !== approvedHash) {
            throw conflict('REPORT_STALE', 'The report changed since it was shown: read it again, then approve', { changes: [], hash: approvedHash });
          }
          // The head signs what was put to them: for the original nothing exists before its period ended.
          const onBehalf = onHeadsBehalf(command, command.now, open.preparedOn ?? addDays(period.end, 1));
          const approver: ReportApprover = onBehalf ? 'supervisor_recording' : 'agency_head';
          return [{ type: 'BiweeklyReportApproved', data: { approver, note: command.note?.trim() || null, onBehalf, version: open.version, hash: approvedHash } }];
        }
        case 'SubmitReport': {
          if (state.versions.length === 0) throw notFound('REPORT_NOT_DRAFTED', 'Draft the report before submitting it');
          const open = openVersion(state);
          if (!open) throw conflict('REPORT_ALREADY_SUBMITTED', 'The report was already submitted');
          if (open.status === 'drafted') throw conflict('REPORT_NOT_APPROVED', 'The agency head approves the report before it goes to the AAC');
          requirePeriodEnded(state.period as ReportingPeriod, command.now, 'submitted');
          const submittedOn = taipeiDateOf(command.now);
          const original = open.version === 0;
          const daysLate = original ? Math.max(0, daysBetween(command.dueOn, submittedOn)) : null;
          return [
            {
              type: 'BiweeklyReportSubmitted',
              data: { submittedOn, version: open.version, hash: open.hash, dueOn: original ? command.dueOn : null, late: (daysLate ?? 0) > 0, daysLate },
            },
          ];
        }
      }
    },

    evolve(state, event) {
      const replaceOpen = (change: (version: ReportVersion) => ReportVersion) => ({ ...state, versions: state.versions.map((v, i) => (i === state.versions.length - 1 ? change(v) : v)) });
      switch (event.type) {
        case 'BiweeklyReportDrafted': {
          const { reportId, unitId, periodStart, periodEnd, rows, texts, draftedOn } = event.data;
          const previous = state.versions[0];
          const original: ReportVersion = { version: 0, status: 'drafted', rows, texts, editedKinds: previous?.editedKinds ?? [], preparedOn: draftedOn, hash: null, submittedOn: null };
          return { reportId, unitId, period: { start: periodStart, end: periodEnd }, versions: [original] };
        }
        case 'BiweeklyReportAmended': {
          const { version, rows, draftedOn } = event.data;
          const open = openVersion(state);
          const base = open ?? state.versions[state.versions.length - 1];
          const next: ReportVersion = { version, status: 'drafted', rows, texts: event.data.texts ?? base.texts, editedKinds: open?.editedKinds ?? [], preparedOn: draftedOn, hash: null, submittedOn: null };
          return open ? replaceOpen(() => next) : { ...state, versions: [...state.versions, next] };
        }
        case 'BiweeklyReportTextEdited': {
          const edited = event.data.texts;
          return replaceOpen((v) => ({
            ...v,
            texts: v.texts.map((text) => edited.find((t) => t.kind === text.kind) ?? text),
            editedKinds: [...new Set([...v.editedKinds, ...edited.map((t) => t.kind)])],
            preparedOn: event.data.editedOn ?? v.preparedOn,
          }));
        }
        case 'BiweeklyReportApproved':
          return replaceOpen((v) => ({ ...v, status: 'approved', hash: event.data.hash }));
        case 'BiweeklyReportSubmitted':
          return replaceOpen((v) => ({ ...v, status: 'submitted', submittedOn: event.data.submittedOn }));
      }
    },
  };
}

/** The schema version each report event type is written at. */
export const REPORT_EVENT_VERSIONS: Record<BiweeklyReportEvent['type'], number> = {
  BiweeklyReportDrafted: 2,
  BiweeklyReportTextEdited: 2,
  BiweeklyReportApproved: 3,
  BiweeklyReportSubmitted: 2,
  BiweeklyReportAmended: 2,
};

const textsWithoutCounts = (texts: ReportRowText[]) => texts.map((t) => ({ ...t, summary: withoutCount(t.summary) }));

/**
 * A stored report event's data in its current shape; null for an unknown type or a newer version. What older
 * versions meant: texts wrote their own count (taken out, it is printed from the counts); no dates were kept
 * with drafts and edits; an approval named no paper (v1) and no hash (v1, v2); before corrections existed only
 * the original (version 0) was approved and submitted, lateness was counted in calendar days without a due
 * date kept, and an amendment (v1) was the first correction's draft, holding counts only.
 */
export function upcastReportEvent(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> | null {
  const current = REPORT_EVENT_VERSIONS[type as BiweeklyReportEvent['type']];
  if (current === undefined || version < 1 || version > current) return null;
  if (version === current) return data;
  switch (type as BiweeklyReportEvent['type']) {
    case 'BiweeklyReportDrafted':
      return { ...data, texts: textsWithoutCounts(data.texts as ReportRowText[]), draftedOn: null };
    case 'BiweeklyReportTextEdited':
      return { ...data, texts: textsWithoutCounts(data.texts as ReportRowText[]), editedOn: null };
    case 'BiweeklyReportApproved':
      return { onBehalf: null, ...data, version: 0, hash: null };
    case 'BiweeklyReportSubmitted':
      return { ...data, version: 0, hash: null, dueOn: null, daysLate: null };
    case 'BiweeklyReportAmended':
      return { ...data, version: 1, texts: null, changes: [], draftedOn: null };
  }
}
