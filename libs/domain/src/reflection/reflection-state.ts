import type { ReflectionEvent, ReflectionReceived } from './reflection-event';
import { cancelOpenObligations, closeObligation, openObligation, type Obligation } from './obligations';
import type { Reporter } from './reporter';
import type { HeadDecisionSubject, PublicationVenue } from './reflection-vocabulary';

export type ReflectionStatus = 'none' | 'received' | 'in_progress' | 'closed';

export interface PendingHeadDecision {
  subject: HeadDecisionSubject;
  agency: string | null;
  dueOn: string;
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
  intake: ReflectionReceived['data'] | null;
  reporter: Reporter | null;
  reporterErased: boolean;
  handlingOpinions: string[];
  pendingDepartments: { department: string; dueOn: string }[];
  departmentResponses: { department: string; response: string }[];
  pendingHeadDecisions: PendingHeadDecision[];
  headDecisions: { subject: HeadDecisionSubject; decision: string; agency: string | null; instructions: string | null }[];
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
  };
}

const handled = (status: ReflectionStatus): ReflectionStatus => (status === 'received' ? 'in_progress' : status);

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
      return {
        ...state,
        status: handled(state.status),
        pendingHeadDecisions: [...state.pendingHeadDecisions, { subject: 'report', agency: null, dueOn: event.data.dueOn }],
        obligations: openObligation(state.obligations, { kind: 'head_decision', party: null, dueOn: event.data.dueOn }),
      };
    case 'HeadApprovalRequested':
      return {
        ...state,
        status: handled(state.status),
        pendingHeadDecisions: [...state.pendingHeadDecisions, { subject: 'referral', agency: event.data.agency, dueOn: event.data.dueOn }],
        obligations: openObligation(state.obligations, { kind: 'head_decision', party: event.data.agency, dueOn: event.data.dueOn }),
      };
    case 'HeadDecisionRecorded': {
      const { subject, decision, agency } = event.data;
      const approvedReferral = subject === 'referral' && decision === 'approved' && agency !== null;
      return {
        ...state,
        status: handled(state.status),
        pendingHeadDecisions: state.pendingHeadDecisions.filter((p) => !(p.subject === subject && p.agency === agency)),
        headDecisions: [...state.headDecisions, event.data],
        approvedReferrals: approvedReferral ? [...state.approvedReferrals, agency] : state.approvedReferrals,
        obligations: closeObligation(state.obligations, 'head_decision', agency, { state: 'fulfilled' }),
      };
    }
    case 'ReferredToAgency':
      return {
        ...state,
        status: handled(state.status),
        approvedReferrals: state.approvedReferrals.filter((a) => a !== event.data.agency),
        openReferrals: [...state.openReferrals, event.data],
        obligations: openObligation(state.obligations, { kind: 'agency_reply', party: event.data.agency, dueOn: event.data.dueOn }),
      };
    case 'AgencyReplied':
      return {
        ...state,
        openReferrals: state.openReferrals.filter((r) => r.agency !== event.data.agency),
        agencyReplies: [...state.agencyReplies, event.data],
        obligations: closeObligation(state.obligations, 'agency_reply', event.data.agency, { state: 'fulfilled' }),
      };
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
        citizenReplyDueOn: event.data.citizenReplyDueOn,
        obligations: openObligation(state.obligations, { kind: 'citizen_reply', party: null, dueOn: event.data.citizenReplyDueOn }),
      };
    case 'ResultPublished':
      return { ...state, publications: [...state.publications, event.data] };
    case 'ReporterDataErased':
      return { ...state, reporter: null, reporterErased: true };
    case 'FollowUpReminderIssued': {
      const { obligationId, stage } = event.data;
      return { ...state, remindersIssued: { ...state.remindersIssued, [obligationId]: [...(state.remindersIssued[obligationId] ?? []), stage] } };
    }
  }
}
