import type { HeadDecisionRecorder } from '../core/head-signature';
import type { Deadlines } from './deadline-policy';
import type { Reporter } from './reporter';
import type { VillagePlace } from '../site/site.decider';

/** When the command is decided, and the deadlines of what it opens. */
type Timed = { now: Date; deadlines: Deadlines };

/** What an officer asks of a reflection. Imperative; `now` comes from the clock port, never from Date.now(). */
export type ReflectionCommand =
  | ({
      type: 'ReceiveReflection';
      reflectionId: string;
      unitId: string;
      nature: string;
      category: string;
      summary: string;
      receivedOn: string;
      reporter?: Reporter | null;
      siteId?: string | null;
      outreachId?: string | null;
      theme?: string | null;
      /** The village the matter concerns, as the register names it (the application looks the code up). */
      place?: VillagePlace | null;
      handlingOpinion?: string | null;
      /** The receipt the citizen takes home, as keyed hashes only (see ReceiptIssued). */
      receipt?: Receipt | null;
    } & Timed)
  | ({
      type: 'ImportReflection';
      reflectionId: string;
      unitId: string;
      nature: string;
      /** Absent on the paper form: the case is then unclassified. */
      category: string | null;
      summary: string;
      receivedOn: string;
      /** The first day of the first period the unit reports on: imported cases come from before it. */
      importBefore: string;
      reporter: Reporter | null;
      place: VillagePlace | null;
      villageAsWritten: string | null;
      location: string | null;
      handlingOpinion: string | null;
      recordedBy: string | null;
      handling: string | null;
      closedOn: string | null;
      source: { fileHash: string; sheet: string; row: number };
    } & Timed)
  | { type: 'RecordHandlingOpinion'; opinion: string }
  | ({ type: 'RouteToDepartments'; departments: string[]; dueOn?: string | null } & Timed)
  | { type: 'RecordDepartmentResponse'; department: string; response: string }
  | ({ type: 'ReportToHead'; note?: string | null } & Timed)
  | ({ type: 'RequestHeadApproval'; agency: string; note?: string | null } & Timed)
  | ({ type: 'RecordHeadDecision'; subject: string; decision: string; agency?: string | null; instructions?: string | null } & HeadDecisionRecorder & Timed)
  | ({ type: 'ReferToAgency'; agency: string; letterNo: string; sentOn: string; dueOn?: string | null } & Timed)
  | { type: 'RecordAgencyReply'; agency: string; reply: string; letterNo?: string | null }
  | { type: 'RecordCitizenReply'; channel: string; content: string }
  | { type: 'CloseReflection'; outcome: string; noReplyReason?: string | null }
  | ({ type: 'ReopenReflection'; reason: string } & Timed)
  | { type: 'PublishResult'; venue: string; publicSummary: string }
  | { type: 'EraseReporterData'; reason: string }
  | { type: 'IssueFollowUpReminder'; obligationId: string; stage: string; recipients: string[] }
  | { type: 'WithdrawObligation'; obligationId: string; reason: string }
  | ({ type: 'RequestExtension'; newDueOn: string; reason: string } & Timed)
  | ({ type: 'RecordCitizenWithdrawal'; withdrawnOn: string; channel: string; statement: string } & Timed)
  | ({ type: 'RecordCitizenNotice'; kind: string; agency?: string | null; channel: string; sentOn: string; content: string } & Timed)
  /** A new receipt; `receiptFor` keys it for the reporter on record (the hashing is the application's, not the domain's). */
  | { type: 'IssueReceipt'; receiptFor: (reporter: Reporter | null) => Receipt }
  | { type: 'RecordStatusLookup'; succeeded: boolean; from: string };

/** A receipt code's keyed hash, and the hash of the code with what the citizen proves it with. */
export interface Receipt {
  codeHash: string;
  verifierHash: string;
  /** What the citizen gives beside the code: the last four digits of their phone, or the slip's PIN. */
  check: 'phone' | 'pin';
}

export type ReflectionCommandType = ReflectionCommand['type'];
