import { assertCalendarDate, assertNotInFuture, taipeiDateOf } from '../calendar/taipei-date';
import type { Decider } from '../core/decider';
import { conflict, invalid, notFound } from '../core/domain-error';
import { NAME_MAX_LENGTH, oneOf, optionalText, requiredText as text } from '../core/input-rules';
import { agencyReplyDue, citizenReplyDue, departmentAnswerDue, headDecisionDue } from './deadline-policy';
import type { ReflectionCommand } from './reflection-command';
import { isReminderStage, stageOrder } from './reminder-schedule';
import type { ReflectionEvent } from './reflection-event';
import { evolve, initialState, type ReflectionState } from './reflection-state';
import {
  CATEGORIES_BY_NATURE,
  HEAD_DECISIONS,
  HEAD_DECISION_SUBJECTS,
  NATURES,
  NO_REPLY_REASONS,
  PUBLICATION_VENUES,
  REPLY_CHANNELS,
  SUMMARY_MAX_LENGTH,
  THEMES,
  type Category,
  type Nature,
} from './reflection-vocabulary';
import { hasContact, isAnonymous, type Reporter } from './reporter';
import { normalizeTaiwanPhone } from './taiwan-phone';

function dueOn(value: string | null | undefined, notBefore: string, field = 'dueOn'): string | null {
  if (value === null || value === undefined) return null;
  assertCalendarDate(value, field);
  if (value < notBefore) throw invalid('DUE_ON_IN_PAST', field, `${field} ${value} is before ${notBefore}`);
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

function containsPersonalData(summary: string, reporter: Reporter | null): string | null {
  if (!reporter) return null;
  const { name, phone, address } = reporter;
  if (name && summary.includes(name)) return 'name';
  if (address && summary.includes(address)) return 'address';
  const phoneDigits = phone ? normalizeTaiwanPhone(phone) : null;
  const summaryDigits = summary.replace(/\D/g, '');
  if (phoneDigits && (summaryDigits.includes(phoneDigits) || summaryDigits.includes(phoneDigits.slice(1)))) return 'phone';
  return null;
}

export function decide(command: ReflectionCommand, state: ReflectionState): ReflectionEvent[] {
  switch (command.type) {
    case 'ReceiveReflection': {
      if (state.status !== 'none') throw conflict('REFLECTION_ALREADY_EXISTS', 'This reflection was already received');
      const nature: Nature = oneOf(command.nature, NATURES, 'nature');
      const categories: readonly string[] = CATEGORIES_BY_NATURE[nature];
      if (!categories.includes(command.category)) {
        throw invalid('CATEGORY_NOT_IN_NATURE', 'category', `category must be one of ${categories.join(', ')} for nature ${nature}`);
      }
      const summary = command.summary.trim();
      if (summary.length < 1 || summary.length > SUMMARY_MAX_LENGTH) {
        throw invalid('SUMMARY_LENGTH', 'summary', `summary must have 1 to ${SUMMARY_MAX_LENGTH} characters`);
      }
      assertNotInFuture(command.receivedOn, command.now, 'receivedOn', 'RECEIVED_ON_IN_FUTURE');
      const events: ReflectionEvent[] = [
        {
          type: 'ReflectionReceived',
          data: {
            reflectionId: command.reflectionId,
            unitId: command.unitId,
            nature,
            category: command.category as Category,
            summary,
            receivedOn: command.receivedOn,
            reporter: reporterOf(command.reporter),
            siteId: command.siteId ?? null,
            outreachId: command.outreachId ?? null,
            theme: command.theme ? oneOf(command.theme, THEMES, 'theme') : null,
            citizenReplyDueOn: citizenReplyDue(command.receivedOn, command.deadlines),
          },
        },
      ];
      const opinion = optionalText(command.handlingOpinion, 'handlingOpinion');
      if (opinion !== null) events.push({ type: 'HandlingOpinionRecorded', data: { opinion } });
      return events;
    }

    case 'RecordHandlingOpinion':
      requireOpen(state);
      return [{ type: 'HandlingOpinionRecorded', data: { opinion: text(command.opinion, 'opinion') } }];

    case 'RouteToDepartments': {
      requireOpen(state);
      if (command.departments.length === 0) throw invalid('REQUIRED', 'departments', 'departments must name at least one department');
      const departments = command.departments.map((d, i) => text(d, `departments[${i}]`, NAME_MAX_LENGTH));
      if (new Set(departments).size !== departments.length) {
        throw invalid('DUPLICATE_DEPARTMENT', 'departments', 'departments must not repeat a department');
      }
      const alreadyPending = departments.find((d) => state.pendingDepartments.some((p) => p.department === d));
      if (alreadyPending) throw conflict('ALREADY_ROUTED', `${alreadyPending} has not yet answered the earlier routing`);
      const today = taipeiDateOf(command.now);
      const due = dueOn(command.dueOn, today) ?? departmentAnswerDue(today, command.deadlines);
      return departments.map((department) => ({ type: 'RoutedToDepartment', data: { department, dueOn: due } }));
    }

    case 'RecordDepartmentResponse': {
      requireOpen(state);
      const department = text(command.department, 'department', NAME_MAX_LENGTH);
      if (!state.pendingDepartments.some((p) => p.department === department)) {
        throw conflict('DEPARTMENT_NOT_ROUTED', `The reflection is not awaiting an answer from ${department}`);
      }
      return [{ type: 'DepartmentResponded', data: { department, response: text(command.response, 'response') } }];
    }

    case 'ReportToHead':
      requireOpen(state);
      if (state.pendingHeadDecisions.some((p) => p.subject === 'report')) {
        throw conflict('ALREADY_REPORTED_TO_HEAD', 'The agency head has not yet decided on the earlier report');
      }
      return [{ type: 'ReportedToHead', data: { note: optionalText(command.note, 'note'), dueOn: headDecisionDue(taipeiDateOf(command.now), command.deadlines) } }];

    case 'RequestHeadApproval': {
      requireOpen(state);
      const agency = text(command.agency, 'agency', NAME_MAX_LENGTH);
      if (state.pendingHeadDecisions.some((p) => p.subject === 'referral' && p.agency === agency)) {
        throw conflict('HEAD_APPROVAL_ALREADY_REQUESTED', `Approval to refer to ${agency} is already awaiting the head`);
      }
      if (state.approvedReferrals.includes(agency)) {
        throw conflict('REFERRAL_ALREADY_APPROVED', `Referral to ${agency} is already approved`);
      }
      const due = headDecisionDue(taipeiDateOf(command.now), command.deadlines);
      return [{ type: 'HeadApprovalRequested', data: { subject: 'referral', agency, note: optionalText(command.note, 'note'), dueOn: due } }];
    }

    case 'RecordHeadDecision': {
      requireOpen(state);
      const subject = oneOf(command.subject, HEAD_DECISION_SUBJECTS, 'subject');
      const decision = oneOf(command.decision, HEAD_DECISIONS, 'decision');
      const instructions = optionalText(command.instructions, 'instructions');
      if (subject === 'report') {
        if (!state.pendingHeadDecisions.some((p) => p.subject === 'report')) {
          throw conflict('NO_REPORT_PENDING', 'Nothing has been reported to the agency head for a decision');
        }
        return [{ type: 'HeadDecisionRecorded', data: { subject, decision, agency: null, instructions } }];
      }
      if (!command.agency?.trim()) throw invalid('AGENCY_REQUIRED', 'agency', 'A referral decision must name the agency');
      const agency = text(command.agency, 'agency', NAME_MAX_LENGTH);
      return [{ type: 'HeadDecisionRecorded', data: { subject, decision, agency, instructions } }];
    }

    case 'ReferToAgency': {
      requireOpen(state);
      const agency = text(command.agency, 'agency', NAME_MAX_LENGTH);
      if (!state.approvedReferrals.includes(agency)) {
        throw conflict('REFERRAL_NEEDS_HEAD_APPROVAL', `Referral to ${agency} needs the agency head's approval first`);
      }
      assertNotInFuture(command.sentOn, command.now, 'sentOn', 'SENT_ON_IN_FUTURE');
      return [
        {
          type: 'ReferredToAgency',
          data: {
            agency,
            letterNo: text(command.letterNo, 'letterNo', NAME_MAX_LENGTH),
            sentOn: command.sentOn,
            dueOn: dueOn(command.dueOn, command.sentOn) ?? agencyReplyDue(command.sentOn, command.deadlines),
          },
        },
      ];
    }

    case 'RecordAgencyReply': {
      requireOpen(state);
      const agency = text(command.agency, 'agency', NAME_MAX_LENGTH);
      if (!state.openReferrals.some((r) => r.agency === agency)) {
        throw conflict('AGENCY_NOT_REFERRED', `The reflection is not awaiting a reply from ${agency}`);
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
      if (state.citizenRepliedSinceOpened) {
        if (command.noReplyReason) {
          throw invalid('NO_REPLY_REASON_NOT_APPLICABLE', 'noReplyReason', 'The citizen has been replied to: give no noReplyReason');
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
      return [
        {
          type: 'ReflectionReopened',
          data: { reason: text(command.reason, 'reason'), citizenReplyDueOn: citizenReplyDue(taipeiDateOf(command.now), command.deadlines) },
        },
      ];

    case 'PublishResult': {
      requireExisting(state);
      if (state.status !== 'closed') throw conflict('REFLECTION_NOT_CLOSED', 'Publish the result once the reflection is closed');
      const venue = oneOf(command.venue, PUBLICATION_VENUES, 'venue');
      const publicSummary = text(command.publicSummary, 'publicSummary', SUMMARY_MAX_LENGTH);
      const leaked = containsPersonalData(publicSummary, state.reporter);
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
