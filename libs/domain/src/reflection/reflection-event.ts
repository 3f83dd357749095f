import type { DomainEvent } from '../core/decider';
import type { OnHeadsBehalf } from '../core/head-signature';
import type { ObligationKind } from './obligations';
import type { ReminderStage } from './reminder-schedule';
import type { Reporter } from './reporter';
import type { VillagePlace } from '../site/site.decider';
import type {
  Category,
  CategoryOrUnclassified,
  CitizenNoticeKind,
  HeadDecision,
  HeadDecisionSubject,
  Nature,
  NoReplyReason,
  PublicationVenue,
  ReplyChannel,
  Theme,
} from './reflection-vocabulary';

/** Present (and true) when a due date in the event was counted past the years the office calendar covers. */
type CalendarCoverage = { beyondCalendar?: true };

/**
 * Every fact of a reflection's life, one stream per reflection (`reflection-<uuid>`). Past tense, never changed.
 * The shapes are the current schema versions (REFLECTION_EVENT_VERSIONS); older ones are upcast on read.
 *
 * ReflectionReceived version 2 added `place`: the village the matter concerns, named by the register's code, when
 * the form names one (a reflection by phone, or about another village than its site's); null places it by its site.
 */
export type ReflectionReceived = DomainEvent<
  'ReflectionReceived',
  {
    reflectionId: string;
    unitId: string;
    nature: Nature;
    category: Category;
    summary: string;
    receivedOn: string;
    reporter: Reporter | null;
    siteId: string | null;
    outreachId: string | null;
    theme: Theme | null;
    place: VillagePlace | null;
    /** When the citizen should have a reply. */
    citizenReplyDueOn: string;
  } & CalendarCoverage
>;
/**
 * A case from before the unit used the product, brought in from a row of its work records (工作紀錄表) with what
 * the row says happened: the handling (辦理情形) and, when the row has one, the day it was closed. `source` names
 * the row (the file's SHA-256, the sheet, the row number as the spreadsheet shows it). `villageAsWritten` keeps the
 * village as the clerk wrote it when the register has no such village.
 */
export type ReflectionImported = DomainEvent<
  'ReflectionImported',
  {
    reflectionId: string;
    unitId: string;
    nature: Nature;
    category: CategoryOrUnclassified;
    summary: string;
    receivedOn: string;
    reporter: Reporter | null;
    place: VillagePlace | null;
    villageAsWritten: string | null;
    /** 地點: where the matter was heard, as written. */
    location: string | null;
    handlingOpinion: string | null;
    /** 紀錄人, as written. */
    recordedBy: string | null;
    handling: string | null;
    closedOn: string | null;
    /** When the citizen should have a reply: null for a case closed in the past. */
    citizenReplyDueOn: string | null;
    source: { fileHash: string; sheet: string; row: number };
  } & CalendarCoverage
>;
export type HandlingOpinionRecorded = DomainEvent<'HandlingOpinionRecorded', { opinion: string }>;
export type RoutedToDepartment = DomainEvent<'RoutedToDepartment', { department: string; dueOn: string } & CalendarCoverage>;
export type DepartmentResponded = DomainEvent<'DepartmentResponded', { department: string; response: string }>;
/** Version 2 added `requestedOn`: the day the matter was put to the head, before which no signature can answer it. */
export type ReportedToHead = DomainEvent<'ReportedToHead', { note: string | null; requestedOn: string | null; dueOn: string } & CalendarCoverage>;
/** Version 2 added `requestedOn`, as ReportedToHead. */
export type HeadApprovalRequested = DomainEvent<'HeadApprovalRequested', { subject: 'referral'; agency: string; note: string | null; requestedOn: string | null; dueOn: string } & CalendarCoverage>;
/** Version 2 added `onBehalf`: set when the ethics unit recorded a decision the head signed on paper. */
export type HeadDecisionRecorded = DomainEvent<
  'HeadDecisionRecorded',
  { subject: HeadDecisionSubject; decision: HeadDecision; agency: string | null; instructions: string | null; onBehalf: OnHeadsBehalf | null }
>;
/** Version 2 added `noticeDueOn`: when the citizen must be told that this agency now handles the matter (null: nobody to tell). */
export type ReferredToAgency = DomainEvent<
  'ReferredToAgency',
  { agency: string; letterNo: string; sentOn: string; dueOn: string; noticeDueOn: string | null } & CalendarCoverage
>;
export type AgencyReplied = DomainEvent<'AgencyReplied', { agency: string; reply: string; letterNo: string | null }>;
export type CitizenReplied = DomainEvent<'CitizenReplied', { channel: ReplyChannel; content: string }>;
export type ReflectionClosed = DomainEvent<'ReflectionClosed', { outcome: string; noReplyReason: NoReplyReason | null }>;
export type ReflectionReopened = DomainEvent<'ReflectionReopened', { reason: string; citizenReplyDueOn: string } & CalendarCoverage>;
/** An open obligation withdrawn with its reason (撤回): sent to a department that is not competent, or to the wrong agency. */
export type ObligationWithdrawn = DomainEvent<'ObligationWithdrawn', { obligationId: string; kind: ObligationKind; party: string | null; reason: string }>;
/** The unit asks the head to extend the citizen-reply deadline (簽請核准延長); `dueOn` is the head's. Version 2 added `requestedOn`. */
export type ExtensionRequested = DomainEvent<'ExtensionRequested', { currentDueOn: string; newDueOn: string; reason: string; requestedOn: string | null; dueOn: string } & CalendarCoverage>;
/** The head approved the extension: the citizen's reply is due later, and the citizen is told why in writing by `noticeDueOn`. */
export type CitizenReplyDeadlineExtended = DomainEvent<
  'CitizenReplyDeadlineExtended',
  { previousDueOn: string; newDueOn: string; reason: string; noticeDueOn: string | null } & CalendarCoverage
>;
/** The citizen was told that another agency handles the matter, or why the reply is extended. */
export type CitizenNotified = DomainEvent<'CitizenNotified', { kind: CitizenNoticeKind; agency: string | null; channel: ReplyChannel; sentOn: string; content: string }>;
export type ResultPublished = DomainEvent<'ResultPublished', { venue: PublicationVenue; publicSummary: string }>;
export type ReporterDataErased = DomainEvent<'ReporterDataErased', { reason: string }>;
/**
 * The citizen withdrew the petition (陳情人撤回), on `withdrawnOn`, by `channel`, in their own words: what was
 * still owed to and by departments, agencies and the head is withdrawn with it, and the withdrawal is the case's
 * handling (it closes without a citizen reply).
 */
export type CitizenWithdrewPetition = DomainEvent<
  'CitizenWithdrewPetition',
  { withdrawnOn: string; channel: ReplyChannel; statement: string; withdrawn: { obligationId: string; kind: ObligationKind; party: string | null }[] }
>;
/** A reminder or escalation actually sent about an open obligation: at most one per obligation and stage. */
export type FollowUpReminderIssued = DomainEvent<
  'FollowUpReminderIssued',
  { obligationId: string; kind: ObligationKind; party: string | null; stage: ReminderStage; dueOn: string; recipients: string[] }
>;

/**
 * A receipt code given to the citizen (收執聯): only keyed hashes of it are kept, never the code. A later one
 * replaces the one before, which stops working.
 */
export type ReceiptIssued = DomainEvent<'ReceiptIssued', { codeHash: string; verifierHash: string; check: 'phone' | 'pin' }>;
/**
 * Someone looked the case up on the public status page with its code: whether the phone digits or PIN matched,
 * and from which network (the address cut to its /24 or /48: where, not who).
 */
export type StatusLookedUp = DomainEvent<'StatusLookedUp', { succeeded: boolean; from: string }>;

export type ReflectionEvent =
  | ReflectionReceived
  | ReflectionImported
  | ReceiptIssued
  | StatusLookedUp
  | HandlingOpinionRecorded
  | RoutedToDepartment
  | DepartmentResponded
  | ReportedToHead
  | HeadApprovalRequested
  | HeadDecisionRecorded
  | ReferredToAgency
  | AgencyReplied
  | CitizenReplied
  | ReflectionClosed
  | ReflectionReopened
  | ResultPublished
  | ReporterDataErased
  | FollowUpReminderIssued
  | ObligationWithdrawn
  | ExtensionRequested
  | CitizenReplyDeadlineExtended
  | CitizenNotified
  | CitizenWithdrewPetition;

export type ReflectionEventType = ReflectionEvent['type'];

/** The schema version each event type is written at; anything older is upcast by upcastReflectionEvent. */
export const REFLECTION_EVENT_VERSIONS: Record<ReflectionEventType, number> = {
  ReflectionReceived: 2,
  ReflectionImported: 1,
  HandlingOpinionRecorded: 1,
  RoutedToDepartment: 1,
  DepartmentResponded: 1,
  ReportedToHead: 2,
  HeadApprovalRequested: 2,
  HeadDecisionRecorded: 2,
  ReferredToAgency: 2,
  AgencyReplied: 1,
  CitizenReplied: 1,
  ReflectionClosed: 1,
  ReflectionReopened: 1,
  ResultPublished: 1,
  ReporterDataErased: 1,
  FollowUpReminderIssued: 1,
  ObligationWithdrawn: 1,
  ExtensionRequested: 2,
  CitizenReplyDeadlineExtended: 1,
  CitizenNotified: 1,
  CitizenWithdrewPetition: 1,
  ReceiptIssued: 1,
  StatusLookedUp: 1,
};

/**
 * The data of a stored reflection event in its current shape, or null when this code does not know the type or
 * the version (a newer writer's). Old versions are read as what they meant then: a v1 head decision was not
 * recorded on anybody's behalf, a v1 referral opened no duty to notify the citizen, a v1 request to the head
 * kept no date of its own.
 */
export function upcastReflectionEvent(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> | null {
  const current = REFLECTION_EVENT_VERSIONS[type as ReflectionEventType];
  if (current === undefined || version < 1 || version > current) return null;
  if (type === 'ReflectionReceived' && version === 1) return { ...data, place: null };
  if (type === 'HeadDecisionRecorded' && version === 1) return { ...data, onBehalf: null };
  if (type === 'ReferredToAgency' && version === 1) return { ...data, noticeDueOn: null };
  if ((type === 'ReportedToHead' || type === 'HeadApprovalRequested' || type === 'ExtensionRequested') && version === 1) return { ...data, requestedOn: null };
  return data;
}
