import {
  cancelOpenObligations,
  closeObligation,
  closeObligationById,
  daysBetween,
  nextObligationId,
  openObligation,
  rocParts,
  taipeiDateOf,
  type ObligationKind,
  type ReflectionEvent,
} from '@integrity/domain';
import { isSealed, type RecordedEvent } from '@integrity/event-store';
import type { Obligation, ReflectionDocument } from './reflection-document';
import type { SiteDocument } from './register-documents';

type Data<T extends ReflectionEvent['type']> = Extract<ReflectionEvent, { type: T }>['data'];

/**
 * An obligation opened by `event`: its reminders go back to the request that recorded it. Its due date is marked
 * as counted past the office calendar when the event says a date it computed was (`given`: a date the officer
 * chose, never counted).
 */
function open(obligations: Obligation[], event: RecordedEvent, kind: ObligationKind, party: string | null, on: string, dueOn: string, given = false): Obligation[] {
  const beyondCalendar = !given && event.data.beyondCalendar === true;
  return openObligation(obligations, { kind, party, openedOn: on, openedBy: event.metadata.correlationId, dueOn, closedOn: null, remindersIssued: [], ...(beyondCalendar ? { beyondCalendar } : {}) });
}

function fulfil(doc: ReflectionDocument, kind: ObligationKind, party: string | null, on: string): Obligation[] {
  return closeObligation(doc.obligations, kind, party, { state: 'fulfilled', closedOn: on });
}

function received(event: RecordedEvent, site: SiteDocument | null): ReflectionDocument {
  const data = event.data as unknown as Data<'ReflectionReceived'> & { reporter: unknown };
  return {
    _id: data.reflectionId,
    _position: '',
    position: '',
    revision: 0,
    unitId: data.unitId,
    caseNo: '',
    caseYear: rocParts(data.receivedOn).year,
    receiptKey: '',
    status: 'received',
    nature: data.nature,
    category: data.category,
    summary: data.summary,
    receivedOn: data.receivedOn,
    receivedMonth: data.receivedOn.slice(0, 7),
    theme: data.theme,
    siteId: data.siteId,
    siteName: site?.name ?? null,
    place: data.place,
    county: data.place?.county ?? site?.county ?? null,
    township: data.place?.township ?? site?.township ?? null,
    village: data.place?.village ?? site?.village ?? null,
    outreachId: data.outreachId,
    recordedBy: event.metadata.actorId,
    reporterSealed: isSealed(data.reporter) ? data.reporter : null,
    reporterErased: false,
    handlingOpinions: [],
    departments: [],
    headDecisions: [],
    extensions: [],
    citizenNotices: [],
    withdrawals: [],
    referrals: [],
    citizenReplies: [],
    closings: [],
    reopenings: [],
    publications: [],
    citizenWithdrawal: null,
    obligations: open([], event, 'citizen_reply', null, data.receivedOn, data.citizenReplyDueOn),
    openObligations: 0,
    nextDueOn: null,
    firstCitizenReplyDays: null,
    receivedAt: event.metadata.occurredAt,
    updatedAt: event.metadata.occurredAt,
  };
}

/** A case from the unit's past records: as received then, closed on the row's day when the row says so. */
function imported(event: RecordedEvent): ReflectionDocument {
  const data = event.data as unknown as Data<'ReflectionImported'> & { reporter: unknown };
  const { receivedOn, closedOn, handling, handlingOpinion, citizenReplyDueOn, source } = data;
  const doc = received({ ...event, data: { ...event.data, siteId: null, outreachId: null, theme: null, citizenReplyDueOn: citizenReplyDueOn ?? receivedOn } }, null);
  const opinions = handlingOpinion ? [{ opinion: handlingOpinion, recordedOn: receivedOn, actorId: event.metadata.actorId }] : [];
  const imported = { ...source, villageAsWritten: data.villageAsWritten, location: data.location, recordedByAsWritten: data.recordedBy };
  if (closedOn === null) return { ...doc, handlingOpinions: opinions, imported };
  return { ...doc, status: 'closed', handlingOpinions: opinions, imported, obligations: [], closings: [{ outcome: handling ?? '', noReplyReason: null, closedOn }] };
}

const handled = (status: ReflectionDocument['status']) => (status === 'received' ? 'in_progress' : status);

function applied(doc: ReflectionDocument, event: RecordedEvent, on: string): ReflectionDocument | null {
  switch (event.type) {
    case 'HandlingOpinionRecorded': {
      const { opinion } = event.data as unknown as Data<'HandlingOpinionRecorded'>;
      return { ...doc, handlingOpinions: [...doc.handlingOpinions, { opinion, recordedOn: on, actorId: event.metadata.actorId }] };
    }
    case 'RoutedToDepartment': {
      const { department, dueOn } = event.data as unknown as Data<'RoutedToDepartment'>;
      return {
        ...doc,
        status: handled(doc.status),
        departments: [...doc.departments, { department, routedOn: on, dueOn, response: null, respondedOn: null }],
        obligations: open(doc.obligations, event, 'department_answer', department, on, dueOn),
      };
    }
    case 'DepartmentResponded': {
      const { department, response } = event.data as unknown as Data<'DepartmentResponded'>;
      const index = doc.departments.findIndex((d) => d.department === department && d.respondedOn === null);
      return {
        ...doc,
        departments: doc.departments.map((d, i) => (i === index ? { ...d, response, respondedOn: on } : d)),
        obligations: fulfil(doc, 'department_answer', department, on),
      };
    }
    case 'ReportedToHead':
    case 'HeadApprovalRequested':
    case 'ExtensionRequested': {
      const data = event.data as unknown as { dueOn: string; note?: string | null; agency?: string } & Partial<Data<'ExtensionRequested'>>;
      const subject = event.type === 'ReportedToHead' ? 'report' : event.type === 'HeadApprovalRequested' ? 'referral' : 'extension';
      const agency = data.agency ?? null;
      const extension = data.newDueOn ? { extension: { currentDueOn: data.currentDueOn as string, newDueOn: data.newDueOn, reason: data.reason as string } } : {};
      const request = { subject, agency, requestedOn: on, dueOn: data.dueOn, obligationId: nextObligationId(doc.obligations, 'head_decision'), note: data.note ?? null, ...extension };
      return {
        ...doc,
        status: handled(doc.status),
        headDecisions: [...doc.headDecisions, { ...request, decision: null, instructions: null, decidedOn: null, onBehalf: null }],
        obligations: open(doc.obligations, event, 'head_decision', agency, on, data.dueOn),
      };
    }
    case 'HeadDecisionRecorded': {
      const { subject, decision, agency, instructions, onBehalf } = event.data as unknown as Data<'HeadDecisionRecorded'>;
      const index = doc.headDecisions.findIndex((h) => h.decision === null && h.subject === subject && h.agency === agency);
      const decided = { decision, instructions, decidedOn: on, onBehalf };
      const request = doc.headDecisions[index];
      const headDecisions =
        index >= 0
          ? doc.headDecisions.map((h, i) => (i === index ? { ...h, ...decided } : h))
          : [...doc.headDecisions, { subject, agency, requestedOn: null, dueOn: null, ...decided }];
      // Documents projected by an earlier release (before requests named their obligation, and without the
      // extension, notice and withdrawal lists) are carried on as they are; a rebuild gives them everything.
      const obligations = !request ? doc.obligations : request.obligationId ? closeObligationById(doc.obligations, request.obligationId, { state: 'fulfilled', closedOn: on }) : fulfil(doc, 'head_decision', agency, on);
      return { ...doc, status: handled(doc.status), headDecisions, obligations };
    }
    case 'CitizenReplyDeadlineExtended': {
      const { previousDueOn, newDueOn, reason, noticeDueOn } = event.data as unknown as Data<'CitizenReplyDeadlineExtended'>;
      const extended = { ...doc, obligations: closeObligation(doc.obligations, 'citizen_reply', null, { state: 'extended', closedOn: on }) };
      const reopened = { ...extended, obligations: open(extended.obligations, event, 'citizen_reply', null, on, newDueOn, true) };
      return {
        ...reopened,
        extensions: [...(doc.extensions ?? []), { previousDueOn, newDueOn, reason, extendedOn: on }],
        obligations: noticeDueOn ? open(reopened.obligations, event, 'extension_notice', null, on, noticeDueOn) : reopened.obligations,
      };
    }
    case 'ReferredToAgency': {
      const { agency, letterNo, sentOn, dueOn, noticeDueOn } = event.data as unknown as Data<'ReferredToAgency'>;
      const referred = { ...doc, obligations: open(doc.obligations, event, 'agency_reply', agency, sentOn, dueOn) };
      return {
        ...referred,
        status: handled(doc.status),
        referrals: [...doc.referrals, { agency, letterNo, sentOn, dueOn, reply: null, replyLetterNo: null, repliedOn: null }],
        obligations: noticeDueOn ? open(referred.obligations, event, 'referral_notice', agency, sentOn, noticeDueOn) : referred.obligations,
      };
    }
    case 'CitizenNotified': {
      const notice = event.data as unknown as Data<'CitizenNotified'>;
      const kind = notice.kind === 'referral' ? 'referral_notice' : 'extension_notice';
      return { ...doc, citizenNotices: [...(doc.citizenNotices ?? []), notice], obligations: fulfil(doc, kind, notice.agency, on) };
    }
    case 'ObligationWithdrawn': {
      const { obligationId, kind, party, reason } = event.data as unknown as Data<'ObligationWithdrawn'>;
      return {
        ...doc,
        withdrawals: [...(doc.withdrawals ?? []), { obligationId, kind, party, reason, withdrawnOn: on }],
        obligations: closeObligationById(doc.obligations, obligationId, { state: 'withdrawn', closedOn: on }),
      };
    }
    case 'AgencyReplied': {
      const { agency, reply, letterNo } = event.data as unknown as Data<'AgencyReplied'>;
      const index = doc.referrals.findIndex((r) => r.agency === agency && r.repliedOn === null);
      return {
        ...doc,
        referrals: doc.referrals.map((r, i) => (i === index ? { ...r, reply, replyLetterNo: letterNo, repliedOn: on } : r)),
        obligations: fulfil(doc, 'agency_reply', agency, on),
      };
    }
    case 'CitizenReplied': {
      const { channel, content } = event.data as unknown as Data<'CitizenReplied'>;
      return {
        ...doc,
        status: handled(doc.status),
        citizenReplies: [...doc.citizenReplies, { channel, content, repliedOn: on }],
        obligations: fulfil(doc, 'citizen_reply', null, on),
        firstCitizenReplyDays: doc.firstCitizenReplyDays ?? Math.max(0, daysBetween(doc.receivedOn, on)),
      };
    }
    case 'ReflectionClosed': {
      const { outcome, noReplyReason } = event.data as unknown as Data<'ReflectionClosed'>;
      return {
        ...doc,
        status: 'closed',
        closings: [...doc.closings, { outcome, noReplyReason, closedOn: on }],
        obligations: cancelOpenObligations(doc.obligations, { closedOn: on }),
      };
    }
    case 'CitizenWithdrewPetition': {
      const { withdrawnOn, channel, statement, withdrawn } = event.data as unknown as Data<'CitizenWithdrewPetition'>;
      return {
        ...doc,
        status: handled(doc.status),
        citizenWithdrawal: { withdrawnOn, channel, statement, recordedOn: on },
        obligations: withdrawn.reduce((obligations, w) => closeObligationById(obligations, w.obligationId, { state: 'withdrawn', closedOn: on }), doc.obligations),
      };
    }
    case 'ReflectionReopened': {
      const { reason, citizenReplyDueOn } = event.data as unknown as Data<'ReflectionReopened'>;
      return {
        ...doc,
        citizenWithdrawal: null,
        status: 'in_progress',
        reopenings: [...doc.reopenings, { reason, reopenedOn: on }],
        obligations: open(doc.obligations, event, 'citizen_reply', null, on, citizenReplyDueOn),
      };
    }
    case 'ResultPublished': {
      const { venue, publicSummary } = event.data as unknown as Data<'ResultPublished'>;
      return { ...doc, publications: [...doc.publications, { venue, publicSummary, publishedOn: on }] };
    }
    case 'ReporterDataErased':
      // The receipt goes with the reporter: nobody can look the case up any more.
      return { ...doc, reporterSealed: null, reporterErased: true, receipt: null };
    case 'ReceiptIssued': {
      const { codeHash, verifierHash, check } = event.data as unknown as Data<'ReceiptIssued'>;
      return { ...doc, receipt: { codeHash, verifierHash, check, issuedOn: on } };
    }
    case 'StatusLookedUp': {
      const { succeeded } = event.data as unknown as Data<'StatusLookedUp'>;
      return succeeded ? { ...doc, citizenLastLookedAt: event.metadata.occurredAt } : doc;
    }
    case 'FollowUpReminderIssued': {
      const { obligationId, stage } = event.data as unknown as Data<'FollowUpReminderIssued'>;
      return { ...doc, obligations: doc.obligations.map((o) => (o.id === obligationId ? { ...o, remindersIssued: [...o.remindersIssued, stage] } : o)) };
    }
    default:
      return null;
  }
}

/**
 * The reflection read model after one more event, or null when this code does not know the event. Pure: the
 * same events give the same document, however often they are replayed; the document passed in is never changed.
 */
export function projectReflection(doc: ReflectionDocument | null, event: RecordedEvent, site: SiteDocument | null): ReflectionDocument | null {
  const on = taipeiDateOf(new Date(event.metadata.occurredAt));
  const next =
    event.type === 'ReflectionReceived' ? (doc ? null : received(event, site)) : event.type === 'ReflectionImported' ? (doc ? null : imported(event)) : doc ? applied(doc, event, on) : null;
  if (!next) return null;
  // `next` is a new object (received and applied each make one), so its summary fields are set in place: a
  // second copy of every document for each event cost a tenth of a rebuild's allocations.
  let openObligations = 0;
  let nextDueOn: string | null = null;
  for (const o of next.obligations) {
    if (o.state !== 'open') continue;
    openObligations++;
    if (nextDueOn === null || o.dueOn < nextDueOn) nextDueOn = o.dueOn;
  }
  next._position = '';
  next.position = event.position.toString();
  next.revision = event.revision;
  next.openObligations = openObligations;
  next.nextDueOn = nextDueOn;
  next.updatedAt = event.metadata.occurredAt;
  return next;
}
