import type { DomainEvent } from '../core/decider';
import type { ObligationKind } from './obligations';
import type { ReminderStage } from './reminder-schedule';
import type { Reporter } from './reporter';
import type {
  Category,
  HeadDecision,
  HeadDecisionSubject,
  Nature,
  NoReplyReason,
  PublicationVenue,
  ReplyChannel,
  Theme,
} from './reflection-vocabulary';

/** Every fact of a reflection's life, one stream per reflection (`reflection-<uuid>`). Past tense, never changed. */
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
    /** When the citizen should have a reply. */
    citizenReplyDueOn: string;
  }
>;
export type HandlingOpinionRecorded = DomainEvent<'HandlingOpinionRecorded', { opinion: string }>;
export type RoutedToDepartment = DomainEvent<'RoutedToDepartment', { department: string; dueOn: string }>;
export type DepartmentResponded = DomainEvent<'DepartmentResponded', { department: string; response: string }>;
export type ReportedToHead = DomainEvent<'ReportedToHead', { note: string | null; dueOn: string }>;
export type HeadApprovalRequested = DomainEvent<'HeadApprovalRequested', { subject: 'referral'; agency: string; note: string | null; dueOn: string }>;
export type HeadDecisionRecorded = DomainEvent<
  'HeadDecisionRecorded',
  { subject: HeadDecisionSubject; decision: HeadDecision; agency: string | null; instructions: string | null }
>;
export type ReferredToAgency = DomainEvent<'ReferredToAgency', { agency: string; letterNo: string; sentOn: string; dueOn: string }>;
export type AgencyReplied = DomainEvent<'AgencyReplied', { agency: string; reply: string; letterNo: string | null }>;
export type CitizenReplied = DomainEvent<'CitizenReplied', { channel: ReplyChannel; content: string }>;
export type ReflectionClosed = DomainEvent<'ReflectionClosed', { outcome: string; noReplyReason: NoReplyReason | null }>;
export type ReflectionReopened = DomainEvent<'ReflectionReopened', { reason: string; citizenReplyDueOn: string }>;
export type ResultPublished = DomainEvent<'ResultPublished', { venue: PublicationVenue; publicSummary: string }>;
export type ReporterDataErased = DomainEvent<'ReporterDataErased', { reason: string }>;
/** A reminder or escalation actually sent about an open obligation: at most one per obligation and stage. */
export type FollowUpReminderIssued = DomainEvent<
  'FollowUpReminderIssued',
  { obligationId: string; kind: ObligationKind; party: string | null; stage: ReminderStage; dueOn: string; recipients: string[] }
>;

export type ReflectionEvent =
  | ReflectionReceived
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
  | FollowUpReminderIssued;

export type ReflectionEventType = ReflectionEvent['type'];
