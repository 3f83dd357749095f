import type { ReflectionEvent, ReflectionImported, ReflectionReceived } from './reflection-event';
import { cancelOpenObligations, closeObligation, closeObligationById, nextObligationId, openObligation, type Obligation } from './obligations';
import type { Reporter } from './reporter';
import type { HeadDecisionSubject, PublicationVenue } from './reflection-vocabulary';

export type ReflectionStatus = 'none' | 'received' | 'in_progress' | 'closed';

export interface PendingHeadDecision {
  subject: HeadDecisionSubject;
  agency: string | null;
  dueOn: string;
  /** The day it was put to the head; null for requests recorded before the day was kept. */
  requestedOn: string | null;
  /** The head_decision obligation the request opened. */
  obligationId: string;
  /** What an extension request asks for. */
  extension: { newDueOn: string; reason: string } | null;
}

export interface OpenReferral {
  agency: string;
  letterNo: string;
  sentOn: string;
  dueOn: string;
}

/** What the decider needs to know of a reflection's past, and what a reader is shown until projections exist. */
export interface ReflectionState {
  status: ReflectionStatus;
  /** What the case came in with: received by the unit, or imported from its past records. */
  intake: ReflectionReceived['data'] | ReflectionImported['data'] | null;
  reporter: Reporter | null;
  reporterErased: boolean;
  handlingOpinions: string[];
  pendingDepartments: { department: string; dueOn: string }[];
  departmentResponses: { department: string; response: string }[];
  pendingHeadDecisions: PendingHeadDecision[];
  headDecisions: { subject: HeadDecisionSubject; decision: string; agency: string | null; instructions: string | null }[];
  /** Agencies referred to and replied, in order; withdrawn referrals are not among them. */
  repliedAgencies: string[];
  approvedReferrals: string[];
  openReferrals: OpenReferral[];
  agencyReplies: { agency: string; reply: string; letterNo: string | null }[];
  citizenReplies: { channel: string; content: string }[];
  citizenRepliedSinceOpened: boolean;
  /** Due date of the citizen reply owed since the reflection was received or reopened. */
  citizenReplyDueOn: string | null;
  closings: { outcome: string; noReplyReason: string | null }[];
  publications: { venue: PublicationVenue; publicSummary: string }[];
  obligations: Obligation[];
  /** Reminder stages issued, by obligation id. */
  remindersIssued: Record<string, string[]>;
  /** The citizen withdrew the petition since the reflection was received or reopened: the withdrawal is its handling. */
  citizenWithdrew: boolean;
}

export function initialState(): ReflectionState {
  return {
    status: 'none',
    intake: null,
    reporter: null,
    reporterErased: false,
    handlingOpinions: [],
    pendingDepartments: [],
    departmentResponses: [],
    pendingHeadDecisions: [],
    headDecisions: [],
    repliedAgencies: [],
    approvedReferrals: [],
    openReferrals: [],
    agencyReplies: [],
    citizenReplies: [],
    citizenRepliedSinceOpened: false,
    citizenReplyDueOn: null,
    closings: [],
    publications: [],
    obligations: [],
    remindersIssued: {},
    citizenWithdrew: false,
  };
}

const handled = (status: ReflectionStatus): ReflectionStatus => (status === 'received' ? 'in_progress' : status);

/** A request put to the head: it opens the head's obligation, remembered so the decision closes exactly that one. */
function requested(state: ReflectionState, request: Omit<PendingHeadDecision, 'obligationId'>): ReflectionState {
  return {
    ...state,
    status: handled(state.status),
    pendingHeadDecisions: [...state.pendingHeadDecisions, { ...request, obligationId: nextObligationId(state.obligations, 'head_decision') }],
    obligations: openObligation(state.obligations, { kind: 'head_decision', party: request.agency, dueOn: request.dueOn }),
  };
}

export function evolve(state: ReflectionState, event: ReflectionEvent): ReflectionState {
  switch (event.type) {
    case 'ReflectionReceived':
      return {
        ...state,
        status: 'received',
        intake: event.data,
        reporter: event.data.reporter,
        citizenReplyDueOn: event.data.citizenReplyDueOn,
        obligations: openObligation(state.obligations, { kind: 'citizen_reply', party: null, dueOn: event.data.citizenReplyDueOn }),
      };
    case 'ReflectionImported': {
      // A case closed in the past owes nothing; one still open owes the citizen a reply, as any received case.
      const { citizenReplyDueOn, closedOn, handling, handlingOpinion, reporter } = event.data;
      const base = { ...state, intake: event.data, reporter, handlingOpinions: handlingOpinion ? [handlingOpinion] : [] };
      if (closedOn !== null || citizenReplyDueOn === null) return { ...base, status: 'closed', closings: [{ outcome: handling ?? '', noReplyReason: null }] };
      return { ...base, status: 'received', citizenReplyDueOn, obligations: openObligation(state.obligations, { kind: 'citizen_reply', party: null, dueOn: citizenReplyDueOn }) };
    }
    case 'HandlingOpinionRecorded':
      return { ...state, handlingOpinions: [...state.handlingOpinions, event.data.opinion] };
    case 'RoutedToDepartment':
      return {
        ...state,
        status: handled(state.status),
        pendingDepartments: [...state.pendingDepartments, { department: event.data.department, dueOn: event.data.dueOn }],
        obligations: openObligation(state.obligations, { kind: 'department_answer', party: event.data.department, dueOn: event.data.dueOn }),
      };
    case 'DepartmentResponded':
      return {
        ...state,
        pendingDepartments: state.pendingDepartments.filter((p) => p.department !== event.data.department),
        departmentResponses: [...state.departmentResponses, event.data],
        obligations: closeObligation(state.obligations, 'department_answer', event.data.department, { state: 'fulfilled' }),
      };
    case 'ReportedToHead':
      return requested(state, { subject: 'report', agency: null, dueOn: event.data.dueOn, requestedOn: event.data.requestedOn, extension: null });
    case 'HeadApprovalRequested':
      return requested(state, { subject: 'referral', agency: event.data.agency, dueOn: event.data.dueOn, requestedOn: event.data.requestedOn, extension: null });
    case 'ExtensionRequested':
      return requested(state, {
        subject: 'extension',
        agency: null,
        dueOn: event.data.dueOn,
        requestedOn: event.data.requestedOn,
        extension: { newDueOn: event.data.newDueOn, reason: event.data.reason },
      });
    case 'HeadDecisionRecorded': {
      const { subject, decision, agency } = event.data;
      const approvedReferral = subject === 'referral' && decision === 'approved' && agency !== null;
      const answered = state.pendingHeadDecisions.find((p) => p.subject === subject && p.agency === agency);
      return {
        ...state,
        status: handled(state.status),
        pendingHeadDecisions: state.pendingHeadDecisions.filter((p) => p !== answered),
        headDecisions: [...state.headDecisions, { subject, decision, agency, instructions: event.data.instructions }],
        approvedReferrals: approvedReferral ? [...state.approvedReferrals, agency] : state.approvedReferrals,
        obligations: answered ? closeObligationById(state.obligations, answered.obligationId, { state: 'fulfilled' }) : state.obligations,
      };
    }
    case 'CitizenReplyDeadlineExtended': {
      const extended = closeObligation(state.obligations, 'citizen_reply', null, { state: 'extended' });
      const reopened = openObligation(extended, { kind: 'citizen_reply', party: null, dueOn: event.data.newDueOn });
      const { noticeDueOn } = event.data;
      return {
        ...state,
        citizenReplyDueOn: event.data.newDueOn,
        obligations: noticeDueOn ? openObligation(reopened, { kind: 'extension_notice', party: null, dueOn: noticeDueOn }) : reopened,
      };
    }
    case 'ReferredToAgency': {
      const { agency, letterNo, sentOn, dueOn, noticeDueOn } = event.data;
      const awaitingReply = openObligation(state.obligations, { kind: 'agency_reply', party: agency, dueOn });
      return {
        ...state,
        status: handled(state.status),
        approvedReferrals: state.approvedReferrals.filter((a) => a !== agency),
        openReferrals: [...state.openReferrals, { agency, letterNo, sentOn, dueOn }],
        obligations: noticeDueOn ? openObligation(awaitingReply, { kind: 'referral_notice', party: agency, dueOn: noticeDueOn }) : awaitingReply,
      };
    }
    case 'AgencyReplied':
      return {
        ...state,
        openReferrals: state.openReferrals.filter((r) => r.agency !== event.data.agency),
        agencyReplies: [...state.agencyReplies, event.data],
        repliedAgencies: [...state.repliedAgencies, event.data.agency],
        obligations: closeObligation(state.obligations, 'agency_reply', event.data.agency, { state: 'fulfilled' }),
      };
    case 'CitizenNotified': {
      const kind = event.data.kind === 'referral' ? 'referral_notice' : 'extension_notice';
      return { ...state, obligations: closeObligation(state.obligations, kind, event.data.agency, { state: 'fulfilled' }) };
    }
    case 'ObligationWithdrawn': {
      const { obligationId, kind, party } = event.data;
      return {
        ...state,
        pendingDepartments: kind === 'department_answer' ? state.pendingDepartments.filter((p) => p.department !== party) : state.pendingDepartments,
        openReferrals: kind === 'agency_reply' ? state.openReferrals.filter((r) => r.agency !== party) : state.openReferrals,
        obligations: closeObligationById(state.obligations, obligationId, { state: 'withdrawn' }),
      };
    }
    case 'CitizenReplied':
      return {
        ...state,
        status: handled(state.status),
        citizenReplies: [...state.citizenReplies, event.data],
        citizenRepliedSinceOpened: true,
        obligations: closeObligation(state.obligations, 'citizen_reply', null, { state: 'fulfilled' }),
      };
    case 'ReflectionClosed':
      return { ...state, status: 'closed', closings: [...state.closings, event.data], obligations: cancelOpenObligations(state.obligations, {}) };
    case 'ReflectionReopened':
      return {
        ...state,
        status: 'in_progress',
        citizenRepliedSinceOpened: false,
        citizenWithdrew: false,
        citizenReplyDueOn: event.data.citizenReplyDueOn,
        obligations: openObligation(state.obligations, { kind: 'citizen_reply', party: null, dueOn: event.data.citizenReplyDueOn }),
      };
    case 'CitizenWithdrewPetition':
      return {
        ...state,
        status: handled(state.status),
        citizenWithdrew: true,
        pendingDepartments: [],
        pendingHeadDecisions: [],
        approvedReferrals: [],
        openReferrals: [],
        obligations: state.obligations.map((o) => (event.data.withdrawn.some((w) => w.obligationId === o.id) ? { ...o, state: 'withdrawn' } : o)),
      };
    case 'ResultPublished':
      return { ...state, publications: [...state.publications, event.data] };
    case 'ReporterDataErased':
      return { ...state, reporter: null, reporterErased: true };
    // What a receipt or a lookup changes lives in the read models: the decider needs none of it.
    case 'ReceiptIssued':
    case 'StatusLookedUp':
      return state;
    case 'FollowUpReminderIssued': {
      const { obligationId, stage } = event.data;
      return { ...state, remindersIssued: { ...state.remindersIssued, [obligationId]: [...(state.remindersIssued[obligationId] ?? []), stage] } };
    }
  }
}
