import type { ObligationKind, ObligationState } from '@integrity/domain';
import type { ReflectionDocument } from './reflection-document';

/** One obligation of one reflection, for the follow-up queue: oldest due first. */
export interface FollowUpDocument {
  _id: string;
  _position: string;
  reflectionId: string;
  obligationId: string;
  unitId: string;
  kind: ObligationKind;
  party: string | null;
  openedOn: string;
  /** The correlation id of the request that opened the obligation; null when projected before it was kept. */
  openedBy: string | null;
  dueOn: string;
  state: ObligationState;
  closedOn: string | null;
  remindersIssued: string[];
  /** Its due date was counted past the office calendar's years (over weekends alone). */
  beyondCalendar: boolean;
  nature: string;
  category: string;
  summary: string;
}

/** One published result, for the public page: never a reporter's data, never an unpublished case. */
export interface PublishedResultDocument {
  _id: string;
  _position: string;
  reflectionId: string;
  unitId: string;
  county: string | null;
  township: string | null;
  village: string | null;
  category: string;
  publishedOn: string;
  venue: string;
  publicSummary: string;
}

export function followUpsOf(doc: ReflectionDocument): FollowUpDocument[] {
  return doc.obligations.map((o) => ({
    _id: `${doc._id}/${o.id}`,
    _position: doc._position,
    reflectionId: doc._id,
    obligationId: o.id,
    unitId: doc.unitId,
    kind: o.kind,
    party: o.party,
    openedOn: o.openedOn,
    openedBy: o.openedBy ?? null,
    dueOn: o.dueOn,
    state: o.state,
    closedOn: o.closedOn,
    remindersIssued: o.remindersIssued,
    beyondCalendar: o.beyondCalendar === true,
    nature: doc.nature,
    category: doc.category,
    summary: doc.summary,
  }));
}

export function publishedResultsOf(doc: ReflectionDocument): PublishedResultDocument[] {
  return doc.publications.map((p, i) => ({
    _id: `${doc._id}/${i}`,
    _position: doc._position,
    reflectionId: doc._id,
    unitId: doc.unitId,
    county: doc.county,
    township: doc.township,
    village: doc.village,
    category: doc.category,
    publishedOn: p.publishedOn,
    venue: p.venue,
    publicSummary: p.publicSummary,
  }));
}

/** One reminder or escalation in one user's inbox, about a reflection or a planned visit. Whether it was read is the user's, kept apart. */
export interface NotificationDocument {
  _id: string;
  _position: string;
  userId: string;
  unitId: string;
  reflectionId: string | null;
  planId: string | null;
  obligationId: string;
  kind: ObligationKind;
  party: string | null;
  stage: string;
  dueOn: string;
  /** The due date was counted past the office calendar's years (over weekends alone). */
  beyondCalendar?: boolean;
  /** The visits of one summary (those already due when the plan came into force), earliest first. */
  visits?: { siteId: string; siteName: string | null; dueOn: string }[];
  createdAt: string;
}

/** One reminder or escalation sent, for the operators' counts. */
export interface ReminderDocument {
  _id: string;
  _position: string;
  unitId: string;
  reflectionId: string | null;
  planId: string | null;
  obligationId: string;
  stage: string;
  recipients: number;
  issuedAt: string;
}
