import type { SealedPersonalData } from '@integrity/event-store';

import type { Obligation as DomainObligation } from '@integrity/domain';

/** An obligation as read models keep it: the domain's, with its dates and the reminders sent about it. */
export interface Obligation extends DomainObligation {
  openedOn: string;
  closedOn: string | null;
  remindersIssued: string[];
}

/** One reflection as lists, dashboards, queues and reports read it. No personal data in clear. */
export interface ReflectionDocument {
  _id: string;
  /** Position of the last event applied (see positionKey): a replayed event changes nothing. */
  _position: string;
  position: string;
  revision: number;
  unitId: string;
  status: 'received' | 'in_progress' | 'closed';
  nature: string;
  category: string;
  summary: string;
  receivedOn: string;
  receivedMonth: string;
  theme: string | null;
  siteId: string | null;
  siteName: string | null;
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
  headDecisions: {
    subject: string;
    agency: string | null;
    requestedOn: string | null;
    dueOn: string | null;
    decision: string | null;
    instructions: string | null;
    decidedOn: string | null;
  }[];
  referrals: { agency: string; letterNo: string; sentOn: string; dueOn: string; reply: string | null; replyLetterNo: string | null; repliedOn: string | null }[];
  citizenReplies: { channel: string; content: string; repliedOn: string }[];
  closings: { outcome: string; noReplyReason: string | null; closedOn: string }[];
  reopenings: { reason: string; reopenedOn: string }[];
  publications: { venue: string; publicSummary: string; publishedOn: string }[];
  obligations: Obligation[];
  openObligations: number;
  /** The earliest due date among open obligations: overdue when before today. */
  nextDueOn: string | null;
  /** Days from receipt to the first citizen reply, for the dashboard's median. */
  firstCitizenReplyDays: number | null;
  receivedAt: string;
  updatedAt: string;
}
