import { assertCalendarDate, taipeiDateOf } from '../calendar/taipei-date';
import type { Decider, DomainEvent } from '../core/decider';
import { conflict, invalid, notFound } from '../core/domain-error';
import { onHeadsBehalf, type HeadDecisionRecorder, type OnHeadsBehalf } from '../core/head-signature';
import { NAME_MAX_LENGTH, oneOf, optionalText, requiredText } from '../core/input-rules';
import { THEMES, type Theme } from '../reflection/reflection-vocabulary';
import { isReminderStage, stageOrder } from '../reflection/reminder-schedule';

/** Who the task force (任務編組) is made of: ethics officers, village officers, integrity volunteers, community organisations. */
export const TASK_FORCE_ROLES = ['ethics_officer', 'village_officer', 'volunteer', 'community_org'] as const;
export type TaskForceRole = (typeof TASK_FORCE_ROLES)[number];

/** What a unit's detailed implementation plan (村里廉政平臺細部實施計畫) says. */
export interface PlanContent {
  title: string;
  validFrom: string;
  validTo: string;
  /** The platform sites whose contacts are visited, and how often (定期造訪平臺聯絡人). */
  sites: { siteId: string; visitEveryDays: number }[];
  themes: Theme[];
  taskForce: { name: string; role: TaskForceRole; userId: string | null }[];
  notes: string | null;
}

/** Version 2 added `preparedOn`: the day the draft was written, before which no approval can answer it (null before v2). */
export type PlanDrafted = DomainEvent<'PlanDrafted', { planId: string; unitId: string; preparedOn: string | null } & PlanContent>;
/** Version 2 added `preparedOn`, as PlanDrafted. */
export type PlanRevised = DomainEvent<'PlanRevised', { preparedOn: string | null } & PlanContent>;
/** Approved by the agency head (簽奉機關首長核定); `onBehalf` when the unit recorded the head's signed approval. */
export type PlanApproved = DomainEvent<'PlanApproved', { approvedOn: string; onBehalf: OnHeadsBehalf | null }>;
/** A later plan of the unit was approved: this one stays readable, no longer in force. */
export type PlanSuperseded = DomainEvent<'PlanSuperseded', { byPlanId: string }>;
/** A reminder or escalation about a site visit due (`visit:<siteId>:<dueOn>`), at most one per visit and stage. */
export type VisitReminderIssued = DomainEvent<'VisitReminderIssued', { obligationId: string; siteId: string; dueOn: string; stage: string; recipients: string[] }>;
/**
 * The visits already due when the plan came into force, reminded together in one message: each counts as reminded
 * on its due date, and escalations follow from the day the plan came into force (see visitRemindedFrom).
 */
export type OverdueVisitsSummarised = DomainEvent<'OverdueVisitsSummarised', { visits: { obligationId: string; siteId: string; dueOn: string }[]; recipients: string[] }>;
export type PlanEvent = PlanDrafted | PlanRevised | PlanApproved | PlanSuperseded | VisitReminderIssued | OverdueVisitsSummarised;
/** The schema version each plan event type is written at. */
export const PLAN_EVENT_VERSIONS: Record<PlanEvent['type'], number> = { PlanDrafted: 2, PlanRevised: 2, PlanApproved: 1, PlanSuperseded: 1, VisitReminderIssued: 1, OverdueVisitsSummarised: 1 };

/** A stored plan event's data in its current shape; null for an unknown type or a newer version. A v1 draft kept no day. */
export function upcastPlanEvent(type: string, version: number, data: Record<string, unknown>): Record<string, unknown> | null {
  const current = PLAN_EVENT_VERSIONS[type as PlanEvent['type']];
  if (current === undefined || version < 1 || version > current) return null;
  if ((type === 'PlanDrafted' || type === 'PlanRevised') && version === 1) return { ...data, preparedOn: null };
  return data;
}

type ContentInput = {
  title: string;
  validFrom: string;
  validTo: string;
  sites: { siteId: string; visitEveryDays: number }[];
  themes?: string[] | null;
  taskForce?: { name: string; role: string; userId?: string | null }[] | null;
  notes?: string | null;
};

export type PlanCommand =
  | ({ type: 'DraftPlan'; planId: string; unitId: string; now: Date } & ContentInput)
  | ({ type: 'RevisePlan'; now: Date } & ContentInput)
  | ({ type: 'ApprovePlan'; now: Date } & HeadDecisionRecorder)
  | { type: 'SupersedePlan'; byPlanId: string }
  | { type: 'IssueVisitReminder'; siteId: string; dueOn: string; stage: string; recipients: string[] }
  | { type: 'SummariseOverdueVisits'; visits: { siteId: string; dueOn: string }[]; recipients: string[] };

export interface PlanState {
  status: 'none' | 'draft' | 'in_force' | 'superseded';
  unitId: string | null;
  content: PlanContent | null;
  /** The day the draft put to the head was last written; null for drafts recorded before it was kept. */
  preparedOn: string | null;
  /** Reminder stages issued, by visit obligation id. */
  remindersIssued: Record<string, string[]>;
}

export const visitObligationId = (siteId: string, dueOn: string) => `visit:${siteId}:${dueOn}`;
/** What the one reminder of the visits already due when a plan came into force is about, and its stage. */
export const OVERDUE_VISITS = { obligationId: 'overdue-visits', stage: 'overdue_at_approval' } as const;

const MAX_VISIT_EVERY_DAYS = 366;
const MAX_PLAN_YEARS = 4;

function content(input: ContentInput): PlanContent {
  const title = requiredText(input.title, 'title', NAME_MAX_LENGTH);
  assertCalendarDate(input.validFrom, 'validFrom');
  assertCalendarDate(input.validTo, 'validTo');
  if (input.validTo < input.validFrom) throw invalid('VALID_TO_BEFORE_VALID_FROM', 'validTo', 'validTo must not be before validFrom');
  // A plan is the unit's plan for a year or a head's term: one reaching further plans nothing anybody will do.
  const latest = `${Number(input.validFrom.slice(0, 4)) + MAX_PLAN_YEARS}${input.validFrom.slice(4)}`;
  if (input.validTo > latest) throw invalid('PLAN_TOO_LONG', 'validTo', `A plan runs at most ${MAX_PLAN_YEARS} years: validTo must be on or before ${latest}`, { years: MAX_PLAN_YEARS });
  if (input.sites.length === 0) throw invalid('REQUIRED', 'sites', 'sites must name at least one platform site');
  const sites = input.sites.map(({ siteId, visitEveryDays }, i) => {
    if (!Number.isInteger(visitEveryDays) || visitEveryDays < 1 || visitEveryDays > MAX_VISIT_EVERY_DAYS) {
      throw invalid('INVALID_VISIT_INTERVAL', `sites[${i}].visitEveryDays`, `sites[${i}].visitEveryDays must be a whole number of days from 1 to ${MAX_VISIT_EVERY_DAYS}`);
    }
    return { siteId: requiredText(siteId, `sites[${i}].siteId`, NAME_MAX_LENGTH), visitEveryDays };
  });
  if (new Set(sites.map((s) => s.siteId)).size !== sites.length) throw invalid('DUPLICATE_SITE', 'sites', 'each site may appear once');
  const themes = (input.themes ?? []).map((theme, i) => oneOf(theme, THEMES, `themes[${i}]`));
  const taskForce = (input.taskForce ?? []).map((member, i) => ({
    name: requiredText(member.name, `taskForce[${i}].name`, NAME_MAX_LENGTH),
    role: oneOf(member.role, TASK_FORCE_ROLES, `taskForce[${i}].role`),
    userId: member.userId ?? null,
  }));
  return { title, validFrom: input.validFrom, validTo: input.validTo, sites, themes: [...new Set(themes)], taskForce, notes: optionalText(input.notes, 'notes') };
}

function requirePlan(state: PlanState): void {
  if (state.status === 'none') throw notFound('PLAN_NOT_FOUND', 'No such plan');
}

function requirePlanned(state: PlanState, siteId: string): void {
  if (state.status !== 'in_force' || !state.content?.sites.some((s) => s.siteId === siteId)) {
    throw conflict('VISIT_NOT_PLANNED', 'No plan in force plans visits to this site');
  }
}

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  initialState: () => ({ status: 'none', unitId: null, content: null, preparedOn: null, remindersIssued: {} }),

  decide(command, state) {
    switch (command.type) {
      case 'DraftPlan':
        if (state.status !== 'none') throw conflict('PLAN_ALREADY_EXISTS', 'This plan was already drafted');
        return [{ type: 'PlanDrafted', data: { planId: command.planId, unitId: command.unitId, preparedOn: taipeiDateOf(command.now), ...content(command) } }];
      case 'RevisePlan':
        requirePlan(state);
        if (state.status !== 'draft') throw conflict('PLAN_NOT_DRAFT', `The plan is ${state.status}: only a draft is revised; draft a new plan instead`);
        return [{ type: 'PlanRevised', data: { preparedOn: taipeiDateOf(command.now), ...content(command) } }];
      case 'ApprovePlan': {
        onHeadsBehalf(command, command.now);
        requirePlan(state);
        if (state.status !== 'draft') throw conflict('PLAN_NOT_DRAFT', `The plan is already ${state.status}`);
        const onBehalf = onHeadsBehalf(command, command.now, state.preparedOn);
        return [{ type: 'PlanApproved', data: { approvedOn: onBehalf?.decidedOn ?? taipeiDateOf(command.now), onBehalf } }];
      }
      case 'SupersedePlan':
        requirePlan(state);
        if (state.status === 'superseded') return [];
        if (state.status !== 'in_force') throw conflict('PLAN_NOT_IN_FORCE', 'Only a plan in force is superseded');
        return [{ type: 'PlanSuperseded', data: { byPlanId: command.byPlanId } }];
      case 'IssueVisitReminder': {
        requirePlan(state);
        const { siteId, dueOn, stage, recipients } = command;
        requirePlanned(state, siteId);
        if (!isReminderStage(stage)) throw invalid('NOT_ALLOWED', 'stage', 'stage must be before_due, due or escalation_<n>');
        const obligationId = visitObligationId(siteId, dueOn);
        const issued = state.remindersIssued[obligationId] ?? [];
        if (issued.includes(stage)) throw conflict('REMINDER_ALREADY_ISSUED', `The ${stage} reminder of ${obligationId} was already issued`);
        const later = issued.find((s) => isReminderStage(s) && stageOrder(s) > stageOrder(stage));
        if (later) throw conflict('LATER_REMINDER_ALREADY_ISSUED', `Reminders go out in order: ${later} was already issued after ${stage}`);
        return [{ type: 'VisitReminderIssued', data: { obligationId, siteId, dueOn, stage, recipients: [...recipients] } }];
      }
      case 'SummariseOverdueVisits': {
        requirePlan(state);
        for (const { siteId } of command.visits) requirePlanned(state, siteId);
        // A visit reminded since (by an earlier summary, or one by one) is left out; the summary is never sent twice.
        const visits = command.visits
          .map(({ siteId, dueOn }) => ({ obligationId: visitObligationId(siteId, dueOn), siteId, dueOn }))
          .filter(({ obligationId }) => !(state.remindersIssued[obligationId] ?? []).some((stage) => isReminderStage(stage) && stageOrder(stage) >= stageOrder('due')));
        if (visits.length === 0) throw conflict('REMINDER_ALREADY_ISSUED', 'Every one of these visits was already reminded');
        return [{ type: 'OverdueVisitsSummarised', data: { visits, recipients: [...command.recipients] } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PlanDrafted': {
        const { planId: _planId, unitId, preparedOn, ...drafted } = event.data;
        return { ...state, status: 'draft', unitId, content: drafted, preparedOn };
      }
      case 'PlanRevised': {
        const { preparedOn, ...revised } = event.data;
        return { ...state, content: revised, preparedOn };
      }
      case 'PlanApproved':
        return { ...state, status: 'in_force' };
      case 'PlanSuperseded':
        return { ...state, status: 'superseded' };
      case 'VisitReminderIssued': {
        const { obligationId, stage } = event.data;
        return { ...state, remindersIssued: { ...state.remindersIssued, [obligationId]: [...(state.remindersIssued[obligationId] ?? []), stage] } };
      }
      case 'OverdueVisitsSummarised': {
        const remindersIssued = { ...state.remindersIssued };
        for (const { obligationId } of event.data.visits) remindersIssued[obligationId] = [...(remindersIssued[obligationId] ?? []), 'due'];
        return { ...state, remindersIssued };
      }
    }
  },
};
