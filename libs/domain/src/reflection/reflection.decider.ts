import { assertCalendarDate, assertNotInFuture, EARLIEST_DATE, taipeiDateOf } from '../calendar/taipei-date';
import type { Decider } from '../core/decider';
import { conflict, invalid, notFound } from '../core/domain-error';
import { onHeadsBehalf } from '../core/head-signature';
import { NAME_MAX_LENGTH, oneOf, optionalText, requiredText as text } from '../core/input-rules';
import { agencyReplyDue, calendarCoverageOf, citizenNoticeDue, citizenReplyDue, departmentAnswerDue, headDecisionDue } from './deadline-policy';
import { WITHDRAWABLE_OBLIGATIONS } from './obligations';
import type { Receipt, ReflectionCommand } from './reflection-command';
import { phoneLast4 } from './receipt-code';
import { isReminderStage, stageOrder } from './reminder-schedule';
import type { ReflectionEvent } from './reflection-event';
import { evolve, initialState, type ReflectionState } from './reflection-state';
import {
  CATEGORIES_BY_NATURE,
  CITIZEN_NOTICE_KINDS,
  HEAD_DECISIONS,
  HEAD_DECISION_SUBJECTS,
  NATURES,
  NO_REPLY_REASONS,
  PUBLICATION_VENUES,
  REPLY_CHANNELS,
  SUMMARY_MAX_LENGTH,
  THEMES,
  UNCLASSIFIED,
  WRITTEN_CHANNELS,
  type Category,
  type CategoryOrUnclassified,
  type Nature,
} from './reflection-vocabulary';
import { personalDataIn } from './personal-data-check';
import { hasContact, isAnonymous, type Reporter } from './reporter';
import { normalizeTaiwanPhone } from './taiwan-phone';

function dueOn(value: string | null | undefined, notBefore: string, field = 'dueOn'): string | null {
  if (value === null || value === undefined) return null;
  assertCalendarDate(value, field);
  if (value < notBefore) throw invalid('DUE_ON_IN_PAST', field, `${field} ${value} is before ${notBefore}`, { date: value, notBefore });
  return value;
}

function reporterOf(raw: Reporter | null | undefined): Reporter | null {
  if (!raw) return null;
  const reporter: Reporter = {};
  for (const key of ['name', 'occupation', 'phone', 'address'] as const) {
    const value = optionalText(raw[key], `reporter.${key}`, NAME_MAX_LENGTH);
    if (value !== null) reporter[key] = value;
  }
  if (reporter.phone !== undefined && normalizeTaiwanPhone(reporter.phone) === null) {
    throw invalid('INVALID_PHONE', 'reporter.phone', 'reporter.phone is not a Taiwanese phone number');
  }
  return Object.keys(reporter).length === 0 ? null : reporter;
}

/** Every command but ReceiveReflection needs a reflection; only reopen, publish and erasure reach a closed one. */
function requireExisting(state: ReflectionState): void {
  if (state.status === 'none') throw notFound('REFLECTION_NOT_FOUND', 'No such reflection');
}

function requireOpen(state: ReflectionState): void {
  requireExisting(state);
  if (state.status === 'closed') {
    throw conflict('REFLECTION_CLOSED', 'The reflection is closed: it accepts only reopen and publish');
  }
}

/** After the citizen withdrew, nothing new is asked of departments, agencies or the head. */
function requireNotWithdrawn(state: ReflectionState): void {
  requireOpen(state);
  if (state.citizenWithdrew) throw conflict('PETITION_WITHDRAWN', 'The citizen withdrew the petition: close the reflection, or reopen it to handle it again');
}

/** Whom the law asks to be told of a referral or an extension: a named reporter who left a way to reach them. */
const notifiable = (state: ReflectionState): boolean => !isAnonymous(state.reporter) && hasContact(state.reporter);

const SUBJECT_NAMES = { referral: 'a referral', report: 'a report', extension: 'an extension' } as const;

/**
 * What still stands between the reflection and its closing (玖.一, 玖.二, 玖.四): every obligation but the citizen's
 * reply fulfilled or withdrawn, and one of the two paths walked — own agency: routed with the departments'
 * answers in and reported to the head, who approved; other agency: referred (after approval) with its reply in.
 */
function missingHandling(state: ReflectionState): Record<string, unknown> | null {
  if (state.citizenWithdrew) return null;
  const open = state.obligations.filter((o) => o.state === 'open' && o.kind !== 'citizen_reply');
  const routed = state.obligations.some((o) => o.kind === 'department_answer');
  const reported = [...state.headDecisions, ...state.pendingHeadDecisions].some((h) => h.subject === 'report');
  const reportApproved = state.headDecisions.some((h) => h.subject === 'report' && h.decision === 'approved');
  const ownAgency = [
    ...(!routed ? ['route_to_departments'] : state.departmentResponses.length === 0 ? ['department_answer'] : []),
    ...(!reported ? ['report_to_head'] : !reportApproved ? ['head_decision_on_report'] : []),
  ];
  const otherAgency =
    state.repliedAgencies.length > 0
      ? []
      : state.openReferrals.length > 0
        ? ['agency_reply']
        : state.approvedReferrals.length > 0
          ? ['refer_to_agency']
          : state.pendingHeadDecisions.some((p) => p.subject === 'referral')
            ? ['head_decision_on_referral']
            : ['request_head_approval'];
  const walked = ownAgency.length === 0 || otherAgency.length === 0;
  if (open.length === 0 && walked) return null;
  return {
    openObligations: open.map(({ id, kind, party, dueOn }) => ({ id, kind, party, dueOn })),
    ...(walked ? {} : { ownAgency, otherAgency }),
  };
}


/** A receipt checked by the phone's last digits needs a phone; without one the slip carries a PIN. */
function receiptOf({ codeHash, verifierHash, check }: Receipt, reporter: Reporter | null): Receipt {
  if (check === 'phone' && !phoneLast4(reporter?.phone)) throw invalid('RECEIPT_NEEDS_PHONE', 'reporter.phone', 'A receipt checked by phone needs the reporter’s phone number');
  return { codeHash: text(codeHash, 'codeHash'), verifierHash: text(verifierHash, 'verifierHash'), check: oneOf(check, ['phone', 'pin'] as const, 'check') };
}

/** The nature, and the category within it (none on a paper form: unclassified, for imported cases only). */
function classified(nature: string, category: string | null, unclassifiedAllowed: boolean): { nature: Nature; category: CategoryOrUnclassified } {
  const known: Nature = oneOf(nature, NATURES, 'nature');
  if (category === null && unclassifiedAllowed) return { nature: known, category: UNCLASSIFIED };
  const categories: readonly string[] = CATEGORIES_BY_NATURE[known];
  if (!categories.includes(category ?? '')) {
    throw invalid('CATEGORY_NOT_IN_NATURE', 'category', `category must be one of ${categories.join(', ')} for nature ${known}`);
  }
  return { nature: known, category: category as Category };
}

function summaryOf(text: string): string {
  const summary = text.trim();
  if (summary.length < 1 || summary.length > SUMMARY_MAX_LENGTH) {
    throw invalid('SUMMARY_LENGTH', 'summary', `summary must have 1 to ${SUMMARY_MAX_LENGTH} characters`, { max: SUMMARY_MAX_LENGTH });
  }
  return summary;
}

/**
 * A case from the unit's past: received before the first period it reports on (so that no report owed or sent
 * changes), not before the programme existed, and closed (if the row says so) on a day between its receipt and
 * today, with what was done.
 */
function imported(command: Extract<ReflectionCommand, { type: 'ImportReflection' }>): ReflectionEvent[] {
  const { nature, category } = classified(command.nature, command.category, true);
  const summary = summaryOf(command.summary);
  const { receivedOn, importBefore, closedOn } = command;
  assertNotInFuture(receivedOn, command.now, 'receivedOn', 'RECEIVED_ON_IN_FUTURE');
  if (receivedOn < EARLIEST_DATE) throw invalid('DATE_BEFORE_PROGRAMME', 'receivedOn', `receivedOn ${receivedOn} is before ${EARLIEST_DATE}`, { date: receivedOn, earliest: EARLIEST_DATE });
  if (receivedOn >= importBefore) {
    throw invalid('IMPORT_NOT_BEFORE_START', 'receivedOn', `receivedOn ${receivedOn} is in a period the unit reports on (from ${importBefore}): record it as a new case`, { date: receivedOn, importBefore });
  }
  const handling = optionalText(command.handling, 'handling');
  if (closedOn !== null) {
    assertNotInFuture(closedOn, command.now, 'closedOn', 'CLOSED_ON_IN_FUTURE');
    if (closedOn < receivedOn) throw invalid('CLOSED_BEFORE_RECEIVED', 'closedOn', `closedOn ${closedOn} is before receivedOn ${receivedOn}`, { date: closedOn, receivedOn });
    if (handling === null) throw invalid('REQUIRED', 'handling', 'A closed case needs its handling');
  }
  const citizenReplyDueOn = closedOn === null ? citizenReplyDue(receivedOn, command.deadlines) : null;
  return [
    {
      type: 'ReflectionImported',
      data: {
        reflectionId: command.reflectionId,
        unitId: command.unitId,
        nature,
        category,
        summary,
        receivedOn,
        reporter: reporterOf(command.reporter),
        place: command.place,
        villageAsWritten: optionalText(command.villageAsWritten, 'village', NAME_MAX_LENGTH),
        location: optionalText(command.location, 'location', NAME_MAX_LENGTH),
        handlingOpinion: optionalText(command.handlingOpinion, 'handlingOpinion'),
        recordedBy: optionalText(command.recordedBy, 'recordedBy', NAME_MAX_LENGTH),
        handling,
        closedOn,
        citizenReplyDueOn,
        source: command.source,
        ...(citizenReplyDueOn ? calendarCoverageOf(command.deadlines, citizenReplyDueOn) : {}),
      },
    },
  ];
}

export function decide(command: ReflectionCommand, state: ReflectionState): ReflectionEvent[] {
  switch (command.type) {
    case 'ImportReflection':
      if (state.status !== 'none') throw conflict('REFLECTION_ALREADY_EXISTS', 'This reflection was already received');
      return imported(command);

    case 'ReceiveReflection': {
      if (state.status !== 'none') throw conflict('REFLECTION_ALREADY_EXISTS', 'This reflection was already received');
      const { nature, category } = classified(command.nature, command.category, false);
      const summary = summaryOf(command.summary);
      assertNotInFuture(command.receivedOn, command.now, 'receivedOn', 'RECEIVED_ON_IN_FUTURE');
      const citizenReplyDueOn = citizenReplyDue(command.receivedOn, command.deadlines);
      const events: ReflectionEvent[] = [
        {
          type: 'ReflectionReceived',
          data: {
            reflectionId: command.reflectionId,
            unitId: command.unitId,
            nature,
            category: category as Category,
            summary,
            receivedOn: command.receivedOn,
            reporter: reporterOf(command.reporter),
            siteId: command.siteId ?? null,
            outreachId: command.outreachId ?? null,
            theme: command.theme ? oneOf(command.theme, THEMES, 'theme') : null,
            place: command.place ?? null,
            citizenReplyDueOn,
            ...calendarCoverageOf(command.deadlines, citizenReplyDueOn),
          },
        },
      ];
      const opinion = optionalText(command.handlingOpinion, 'handlingOpinion');
      if (opinion !== null) events.push({ type: 'HandlingOpinionRecorded', data: { opinion } });
      if (command.receipt) events.push({ type: 'ReceiptIssued', data: receiptOf(command.receipt, reporterOf(command.reporter)) });
      return events;
    }

    case 'IssueReceipt':
      requireExisting(state);
      if (state.reporterErased) throw conflict('REPORTER_ERASED', "The reporter's data was erased: the case has no receipt any more");
      return [{ type: 'ReceiptIssued', data: receiptOf(command.receiptFor(state.reporter), state.reporter) }];

    case 'RecordStatusLookup':
      requireExisting(state);
      return [{ type: 'StatusLookedUp', data: { succeeded: command.succeeded, from: text(command.from, 'from', NAME_MAX_LENGTH) } }];

    case 'RecordHandlingOpinion':
      requireOpen(state);
      return [{ type: 'HandlingOpinionRecorded', data: { opinion: text(command.opinion, 'opinion') } }];

    case 'RouteToDepartments': {
      requireNotWithdrawn(state);
      if (command.departments.length === 0) throw invalid('REQUIRED', 'departments', 'departments must name at least one department');
      const departments = command.departments.map((d, i) => text(d, `departments[${i}]`, NAME_MAX_LENGTH));
      if (new Set(departments).size !== departments.length) {
        throw invalid('DUPLICATE_DEPARTMENT', 'departments', 'departments must not repeat a department');
      }
      const alreadyPending = departments.find((d) => state.pendingDepartments.some((p) => p.department === d));
      if (alreadyPending) throw conflict('ALREADY_ROUTED', `${alreadyPending} has not yet answered the earlier routing`, { department: alreadyPending });
      const today = taipeiDateOf(command.now);
      const given = dueOn(command.dueOn, today);
      const due = given ?? departmentAnswerDue(today, command.deadlines);
      const coverage = given ? {} : calendarCoverageOf(command.deadlines, due);
      return departments.map((department) => ({ type: 'RoutedToDepartment', data: { department, dueOn: due, ...coverage } }));
    }

    case 'RecordDepartmentResponse': {
      requireOpen(state);
      const department = text(command.department, 'department', NAME_MAX_LENGTH);
      if (!state.pendingDepartments.some((p) => p.department === department)) {
        throw conflict('DEPARTMENT_NOT_ROUTED', `The reflection is not awaiting an answer from ${department}`, { department });
      }
      return [{ type: 'DepartmentResponded', data: { department, response: text(command.response, 'response') } }];
    }

    case 'ReportToHead':
      requireNotWithdrawn(state);
      if (state.pendingHeadDecisions.some((p) => p.subject === 'report')) {
        throw conflict('ALREADY_REPORTED_TO_HEAD', 'The agency head has not yet decided on the earlier report');
      }
      {
        const requestedOn = taipeiDateOf(command.now);
        const due = headDecisionDue(requestedOn, command.deadlines);
        return [{ type: 'ReportedToHead', data: { note: optionalText(command.note, 'note'), requestedOn, dueOn: due, ...calendarCoverageOf(command.deadlines, due) } }];
      }

    case 'RequestHeadApproval': {
      requireNotWithdrawn(state);
      const agency = text(command.agency, 'agency', NAME_MAX_LENGTH);
      if (state.pendingHeadDecisions.some((p) => p.subject === 'referral' && p.agency === agency)) {
        throw conflict('HEAD_APPROVAL_ALREADY_REQUESTED', `Approval to refer to ${agency} is already awaiting the head`, { agency });
      }
      if (state.approvedReferrals.includes(agency)) {
        throw conflict('REFERRAL_ALREADY_APPROVED', `Referral to ${agency} is already approved`, { agency });
      }
      const requestedOn = taipeiDateOf(command.now);
      const due = headDecisionDue(requestedOn, command.deadlines);
      return [{ type: 'HeadApprovalRequested', data: { subject: 'referral', agency, note: optionalText(command.note, 'note'), requestedOn, dueOn: due, ...calendarCoverageOf(command.deadlines, due) } }];
    }

    case 'RecordHeadDecision': {
      requireOpen(state);
      const subject = oneOf(command.subject, HEAD_DECISION_SUBJECTS, 'subject');
      const decision = oneOf(command.decision, HEAD_DECISIONS, 'decision');
      const instructions = optionalText(command.instructions, 'instructions');
      if (subject === 'referral' && !command.agency?.trim()) throw invalid('AGENCY_REQUIRED', 'agency', 'A referral decision must name the agency');
      const agency = subject === 'referral' ? text(command.agency, 'agency', NAME_MAX_LENGTH) : null;
      const request = state.pendingHeadDecisions.find((p) => p.subject === subject && p.agency === agency);
      if (!request) {
        onHeadsBehalf(command, command.now);
        const what = agency ? `${SUBJECT_NAMES[subject]} to ${agency}` : SUBJECT_NAMES[subject];
        throw conflict('NO_PENDING_REQUEST', `The agency head decides what was put to them: no request for ${what} is pending`, { subject, agency });
      }
      const onBehalf = onHeadsBehalf(command, command.now, request.requestedOn);
      const events: ReflectionEvent[] = [{ type: 'HeadDecisionRecorded', data: { subject, decision, agency, instructions, onBehalf } }];
      const citizenReply = state.obligations.find((o) => o.kind === 'citizen_reply' && o.state === 'open');
      if (request.extension && decision === 'approved' && citizenReply) {
        const noticeDueOn = notifiable(state) ? citizenNoticeDue(taipeiDateOf(command.now), command.deadlines) : null;
        events.push({
          type: 'CitizenReplyDeadlineExtended',
          data: { previousDueOn: citizenReply.dueOn, newDueOn: request.extension.newDueOn, reason: request.extension.reason, noticeDueOn, ...calendarCoverageOf(command.deadlines, noticeDueOn) },
        });
      }
      return events;
    }

    case 'ReferToAgency': {
      requireNotWithdrawn(state);
      const agency = text(command.agency, 'agency', NAME_MAX_LENGTH);
      if (!state.approvedReferrals.includes(agency)) {
        throw conflict('REFERRAL_NEEDS_HEAD_APPROVAL', `Referral to ${agency} needs the agency head's approval first`, { agency });
      }
      assertNotInFuture(command.sentOn, command.now, 'sentOn', 'SENT_ON_IN_FUTURE');
      const letterNo = text(command.letterNo, 'letterNo', NAME_MAX_LENGTH);
      const given = dueOn(command.dueOn, command.sentOn);
      const replyDueOn = given ?? agencyReplyDue(command.sentOn, command.deadlines);
      const noticeDueOn = notifiable(state) ? citizenNoticeDue(command.sentOn, command.deadlines) : null;
      const coverage = calendarCoverageOf(command.deadlines, given ? null : replyDueOn, noticeDueOn);
      return [{ type: 'ReferredToAgency', data: { agency, letterNo, sentOn: command.sentOn, dueOn: replyDueOn, noticeDueOn, ...coverage } }];
    }

    case 'RecordAgencyReply': {
      requireOpen(state);
      const agency = text(command.agency, 'agency', NAME_MAX_LENGTH);
      if (!state.openReferrals.some((r) => r.agency === agency)) {
        throw conflict('AGENCY_NOT_REFERRED', `The reflection is not awaiting a reply from ${agency}`, { agency });
      }
      return [
        {
          type: 'AgencyReplied',
          data: { agency, reply: text(command.reply, 'reply'), letterNo: optionalText(command.letterNo, 'letterNo', NAME_MAX_LENGTH) },
        },
      ];
    }

    case 'RecordCitizenReply':
      requireOpen(state);
      return [
        {
          type: 'CitizenReplied',
          data: { channel: oneOf(command.channel, REPLY_CHANNELS, 'channel'), content: text(command.content, 'content') },
        },
      ];

    case 'CloseReflection': {
      requireOpen(state);
      const outcome = text(command.outcome, 'outcome');
      const missing = missingHandling(state);
      if (missing) {
        throw conflict('CLOSE_NEEDS_HANDLING', 'The reflection closes once every obligation is met or withdrawn and it was handled by the own agency (routed, answered, reported to the head) or referred with the reply in', missing);
      }
      if (state.citizenRepliedSinceOpened || state.citizenWithdrew) {
        if (command.noReplyReason) {
          throw invalid('NO_REPLY_REASON_NOT_APPLICABLE', 'noReplyReason', 'The citizen has been replied to, or withdrew the petition: give no noReplyReason');
        }
        return [{ type: 'ReflectionClosed', data: { outcome, noReplyReason: null } }];
      }
      if (!command.noReplyReason) {
        throw conflict('CITIZEN_REPLY_REQUIRED', 'Reply to the citizen before closing, or give the reason no reply is possible');
      }
      const noReplyReason = oneOf(command.noReplyReason, NO_REPLY_REASONS, 'noReplyReason');
      if (noReplyReason === 'anonymous' && !isAnonymous(state.reporter)) {
        throw conflict('REPORTER_NOT_ANONYMOUS', 'The reporter gave a name: the reflection is not anonymous');
      }
      if (noReplyReason === 'no_contact' && hasContact(state.reporter)) {
        throw conflict('REPORTER_HAS_CONTACT', 'The reporter left a phone or address: reply to the citizen');
      }
      return [{ type: 'ReflectionClosed', data: { outcome, noReplyReason } }];
    }

    case 'ReopenReflection':
      requireExisting(state);
      if (state.status !== 'closed') throw conflict('REFLECTION_NOT_CLOSED', 'Only a closed reflection can be reopened');
      {
        const citizenReplyDueOn = citizenReplyDue(taipeiDateOf(command.now), command.deadlines);
        return [{ type: 'ReflectionReopened', data: { reason: text(command.reason, 'reason'), citizenReplyDueOn, ...calendarCoverageOf(command.deadlines, citizenReplyDueOn) } }];
      }

    case 'PublishResult': {
      requireExisting(state);
      if (state.status !== 'closed') throw conflict('REFLECTION_NOT_CLOSED', 'Publish the result once the reflection is closed');
      const venue = oneOf(command.venue, PUBLICATION_VENUES, 'venue');
      const publicSummary = text(command.publicSummary, 'publicSummary', SUMMARY_MAX_LENGTH);
      const leaked = personalDataIn(publicSummary, state.reporter);
      if (leaked) {
        throw invalid('PUBLIC_SUMMARY_CONTAINS_PERSONAL_DATA', 'publicSummary', `publicSummary contains the reporter's ${leaked}`);
      }
      return [{ type: 'ResultPublished', data: { venue, publicSummary } }];
    }

    case 'EraseReporterData':
      requireExisting(state);
      if (state.reporterErased) throw conflict('REPORTER_ALREADY_ERASED', "The reporter's data is already erased");
      if (!state.reporter) throw conflict('NO_REPORTER_DATA', 'The reflection holds no reporter data');
      return [{ type: 'ReporterDataErased', data: { reason: text(command.reason, 'reason') } }];

    case 'WithdrawObligation': {
      requireOpen(state);
      const obligationId = text(command.obligationId, 'obligationId', NAME_MAX_LENGTH);
      const obligation = state.obligations.find((o) => o.id === obligationId);
      if (!obligation || obligation.state !== 'open') throw conflict('OBLIGATION_NOT_OPEN', `Obligation ${obligationId} is not open: nothing to withdraw`);
      if (!WITHDRAWABLE_OBLIGATIONS.includes(obligation.kind)) {
        throw conflict('OBLIGATION_NOT_WITHDRAWABLE', `A ${obligation.kind} obligation cannot be withdrawn; only ${WITHDRAWABLE_OBLIGATIONS.join(', ')}`);
      }
      const { kind, party } = obligation;
      return [{ type: 'ObligationWithdrawn', data: { obligationId, kind, party, reason: text(command.reason, 'reason') } }];
    }

    case 'RequestExtension': {
      requireNotWithdrawn(state);
      const current = state.obligations.find((o) => o.kind === 'citizen_reply' && o.state === 'open');
      if (!current) throw conflict('NO_CITIZEN_REPLY_PENDING', 'The citizen has been replied to: no deadline is left to extend');
      if (state.pendingHeadDecisions.some((p) => p.subject === 'extension')) {
        throw conflict('EXTENSION_ALREADY_REQUESTED', 'An extension already awaits the agency head');
      }
      assertCalendarDate(command.newDueOn, 'newDueOn');
      if (command.newDueOn <= current.dueOn) {
        throw invalid('EXTENSION_NOT_LATER', 'newDueOn', `newDueOn must be later than the current due date ${current.dueOn}`, { currentDueOn: current.dueOn });
      }
      const reason = text(command.reason, 'reason');
      const requestedOn = taipeiDateOf(command.now);
      const due = headDecisionDue(requestedOn, command.deadlines);
      return [{ type: 'ExtensionRequested', data: { currentDueOn: current.dueOn, newDueOn: command.newDueOn, reason, requestedOn, dueOn: due, ...calendarCoverageOf(command.deadlines, due) } }];
    }

    case 'RecordCitizenWithdrawal': {
      requireOpen(state);
      if (state.citizenWithdrew) throw conflict('PETITION_WITHDRAWN', 'The citizen already withdrew the petition');
      assertNotInFuture(command.withdrawnOn, command.now, 'withdrawnOn', 'WITHDRAWN_ON_IN_FUTURE');
      const receivedOn = (state.intake as { receivedOn: string }).receivedOn;
      if (command.withdrawnOn < receivedOn) {
        throw invalid('WITHDRAWN_BEFORE_RECEIVED', 'withdrawnOn', `withdrawnOn ${command.withdrawnOn} is before the reflection was received (${receivedOn})`, { date: command.withdrawnOn, receivedOn });
      }
      const channel = oneOf(command.channel, REPLY_CHANNELS, 'channel');
      const statement = text(command.statement, 'statement');
      const withdrawn = state.obligations.filter((o) => o.state === 'open').map(({ id, kind, party }) => ({ obligationId: id, kind, party }));
      return [{ type: 'CitizenWithdrewPetition', data: { withdrawnOn: command.withdrawnOn, channel, statement, withdrawn } }];
    }

    case 'RecordCitizenNotice': {
      requireOpen(state);
      const kind = oneOf(command.kind, CITIZEN_NOTICE_KINDS, 'kind');
      const channel = oneOf(command.channel, REPLY_CHANNELS, 'channel');
      if (kind === 'extension' && !WRITTEN_CHANNELS.includes(channel)) {
        throw invalid('WRITTEN_NOTICE_REQUIRED', 'channel', `The reason for an extension is given in writing: channel must be one of ${WRITTEN_CHANNELS.join(', ')}`);
      }
      assertNotInFuture(command.sentOn, command.now, 'sentOn', 'SENT_ON_IN_FUTURE');
      const content = text(command.content, 'content');
      const agency = optionalText(command.agency, 'agency', NAME_MAX_LENGTH);
      const obligationKind = kind === 'referral' ? 'referral_notice' : 'extension_notice';
      const owed = state.obligations.find((o) => o.state === 'open' && o.kind === obligationKind && (agency === null || o.party === agency));
      if (!owed) throw conflict('NO_NOTICE_PENDING', `No ${kind} notice is owed to the citizen${agency ? ` about ${agency}` : ''}`);
      return [{ type: 'CitizenNotified', data: { kind, agency: owed.party, channel, sentOn: command.sentOn, content } }];
    }

    case 'IssueFollowUpReminder': {
      requireExisting(state);
      const { obligationId, stage, recipients } = command;
      if (!isReminderStage(stage)) throw invalid('NOT_ALLOWED', 'stage', 'stage must be before_due, due or escalation_<n>');
      const obligation = state.obligations.find((o) => o.id === obligationId);
      if (!obligation || obligation.state !== 'open') throw conflict('OBLIGATION_NOT_OPEN', `Obligation ${obligationId} is not open: nothing to remind of`);
      const issued = state.remindersIssued[obligationId] ?? [];
      if (issued.includes(stage)) throw conflict('REMINDER_ALREADY_ISSUED', `The ${stage} reminder of ${obligationId} was already issued`);
      const later = issued.find((s) => isReminderStage(s) && stageOrder(s) > stageOrder(stage));
      if (later) throw conflict('LATER_REMINDER_ALREADY_ISSUED', `Reminders go out in order: ${later} was already issued after ${stage}`);
      return [
        {
          type: 'FollowUpReminderIssued',
          data: { obligationId, kind: obligation.kind, party: obligation.party, stage, dueOn: obligation.dueOn, recipients: [...recipients] },
        },
      ];
    }
  }
}

export const reflectionDecider: Decider<ReflectionCommand, ReflectionEvent, ReflectionState> = { initialState, decide, evolve };
