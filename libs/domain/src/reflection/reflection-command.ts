import type { HeadDecisionRecorder } from '../core/head-signature';
import type { Deadlines } from './deadline-policy';
import type { Reporter } from './reporter';

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
      handlingOpinion?: string | null;
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
  | ({ type: 'RecordCitizenNotice'; kind: string; agency?: string | null; channel: string; sentOn: string; content: string } & Timed);

export type ReflectionCommandType = ReflectionCommand['type'];
