import type { Obligation as DomainObligation, OnHeadsBehalf, VillagePlace } from '@integrity/domain';
import type { SealedPersonalData } from '@integrity/event-store';

/** An obligation as read models keep it: the domain's, with its dates and the reminders sent about it. */
export interface Obligation extends DomainObligation {
  openedOn: string;
  /** The correlation id of the request that opened it: its reminders carry it (null when projected before it was kept). */
  openedBy?: string | null;
  closedOn: string | null;
  remindersIssued: string[];
  /** Its due date was counted into a year the office calendar does not cover (over weekends alone). */
  beyondCalendar?: boolean;
}

/** One reflection as lists, dashboards, queues and reports read it. No personal data in clear. */
export interface ReflectionDocument {
  _id: string;
  /** Position of the last event applied (see positionKey): a replayed event changes nothing. */
  _position: string;
  position: string;
  revision: number;
  unitId: string;
  /**
   * The unit's own case number (案號), 115-0042: the ROC year of receipt and the case's place among the unit's
   * cases of that year in the log's order, so a rebuild gives every case the same number.
   */
  caseNo: string;
  caseYear: number;
  /** positionKey of the ReflectionReceived event: the order cases are numbered in. */
  receiptKey: string;
  status: 'received' | 'in_progress' | 'closed';
  nature: string;
  category: string;
  summary: string;
  receivedOn: string;
  receivedMonth: string;
  theme: string | null;
  siteId: string | null;
  siteName: string | null;
  /** The village the form named for the matter itself (absent before reflections named one); else it is the site's. */
  place?: VillagePlace | null;
  /** Where the matter is: its own village's names, else its site's as recorded at receipt. */
  county: string | null;
  township: string | null;
  village: string | null;
  outreachId: string | null;
  /** Who recorded the work record form (紀錄人). */
  recordedBy: string;
  /** The reporter as the event holds it: sealed under a key that erasure deletes. */
  reporterSealed: SealedPersonalData | null;
  reporterErased: boolean;
  handlingOpinions: { opinion: string; recordedOn: string; actorId: string }[];
  departments: { department: string; routedOn: string; dueOn: string; response: string | null; respondedOn: string | null }[];
  /** What was put to the head and what the head decided; `onBehalf` when the unit recorded a decision signed on paper. */
  headDecisions: {
    subject: string;
    agency: string | null;
    requestedOn: string | null;
    dueOn: string | null;
    /** The head_decision obligation the request opened. */
    obligationId?: string;
    note?: string | null;
    /** What an extension request asks for. */
    extension?: { currentDueOn: string; newDueOn: string; reason: string };
    decision: string | null;
    instructions: string | null;
    decidedOn: string | null;
    onBehalf?: OnHeadsBehalf | null;
  }[];
  /** Approved extensions of the citizen-reply deadline: from what to what, and why. */
  extensions: { previousDueOn: string; newDueOn: string; reason: string; extendedOn: string }[];
  /** What the citizen was told of a referral or an extension. */
  citizenNotices: { kind: string; agency: string | null; channel: string; sentOn: string; content: string }[];
  withdrawals: { obligationId: string; kind: string; party: string | null; reason: string; withdrawnOn: string }[];
  referrals: { agency: string; letterNo: string; sentOn: string; dueOn: string; reply: string | null; replyLetterNo: string | null; repliedOn: string | null }[];
  citizenReplies: { channel: string; content: string; repliedOn: string }[];
  closings: { outcome: string; noReplyReason: string | null; closedOn: string }[];
  reopenings: { reason: string; reopenedOn: string }[];
  publications: { venue: string; publicSummary: string; publishedOn: string }[];
  /** The citizen withdrew the petition (陳情人撤回): when, how, in their words. */
  citizenWithdrawal?: { withdrawnOn: string; channel: string; statement: string; recordedOn: string } | null;
  /** The receipt the citizen holds, as keyed hashes (absent before receipts existed, null once erased). */
  receipt?: { codeHash: string; verifierHash: string; check: 'phone' | 'pin'; issuedOn: string } | null;
  /** When the citizen last looked the case up on the status page. */
  citizenLastLookedAt?: string | null;
  /**
   * A case brought in from the unit's past work records (匯入): the row it came from and what the row says that
   * has no other place here, as written.
   */
  imported?: { fileHash: string; sheet: string; row: number; villageAsWritten: string | null; location: string | null; recordedByAsWritten: string | null } | null;
  obligations: Obligation[];
  openObligations: number;
  /** The earliest due date among open obligations: overdue when before today. */
  nextDueOn: string | null;
  /** Days from receipt to the first citizen reply, for the dashboard's median. */
  firstCitizenReplyDays: number | null;
  receivedAt: string;
  updatedAt: string;
}
