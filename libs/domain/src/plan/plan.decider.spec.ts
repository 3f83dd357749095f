import { TAIWAN_OFFICE_CALENDAR } from '../calendar/taiwan-office-calendar';
import { specificationOf } from '../testing/decider-specification';
import { planDecider, type PlanCommand, type PlanContent, type PlanEvent } from './plan.decider';
import { nextVisitDue, visitRemindedFrom } from './visit-schedule';

const given = specificationOf(planDecider);
const now = new Date('2026-11-27T02:00:00Z');
const body = {
  title: '臺中市政府116年度村里廉政平臺細部實施計畫',
  validFrom: '2027-01-01',
  validTo: '2027-12-31',
  sites: [{ siteId: 's1', visitEveryDays: 30 }],
  themes: ['river_dredging'],
  taskForce: [{ name: '陳政風', role: 'ethics_officer', userId: 'u-officer' }, { name: '賴村里幹事', role: 'village_officer' }],
  notes: null,
};
const draft: PlanCommand = { type: 'DraftPlan', planId: 'p1', unitId: 'unit', ...body, now };
const content: PlanContent = {
  ...body,
  themes: ['river_dredging'],
  taskForce: [
    { name: '陳政風', role: 'ethics_officer', userId: 'u-officer' },
    { name: '賴村里幹事', role: 'village_officer', userId: null },
  ],
};
const drafted: PlanEvent = { type: 'PlanDrafted', data: { planId: 'p1', unitId: 'unit', preparedOn: '2026-11-20', ...content } };
const approved: PlanEvent = { type: 'PlanApproved', data: { approvedOn: '2026-11-27', onBehalf: null } };

describe('the unit’s detailed implementation plan', () => {
  it('is drafted with its sites, visit intervals, themes and task force, and the day it was written', () =>
    given([]).when(draft).then([{ ...drafted, data: { ...drafted.data, preparedOn: '2026-11-27' } } as PlanEvent]));

  it('refuses what the plan cannot say', () => {
    given([]).when({ ...draft, validTo: '2026-12-31' } as PlanCommand).thenThrows('VALID_TO_BEFORE_VALID_FROM', 'validTo');
    given([]).when({ ...draft, validTo: '2031-01-02' } as PlanCommand).thenThrows('PLAN_TOO_LONG', 'validTo');
    given([]).when({ ...draft, validTo: '2031-01-01' } as PlanCommand).then([{ type: 'PlanDrafted', data: { planId: 'p1', unitId: 'unit', preparedOn: '2026-11-27', ...content, validTo: '2031-01-01' } }]);
    given([]).when({ ...draft, sites: [] } as PlanCommand).thenThrows('REQUIRED', 'sites');
    given([]).when({ ...draft, sites: [{ siteId: 's1', visitEveryDays: 0 }] } as PlanCommand).thenThrows('INVALID_VISIT_INTERVAL', 'sites[0].visitEveryDays');
    given([]).when({ ...draft, sites: [{ siteId: 's1', visitEveryDays: 30 }, { siteId: 's1', visitEveryDays: 60 }] } as PlanCommand).thenThrows('DUPLICATE_SITE', 'sites');
    given([]).when({ ...draft, taskForce: [{ name: '某人', role: 'mayor' }] } as PlanCommand).thenThrows('NOT_ALLOWED', 'taskForce[0].role');
    given([]).when({ ...draft, themes: ['weather'] } as PlanCommand).thenThrows('NOT_ALLOWED', 'themes[0]');
  });

  it('is revised while a draft, never once approved', () => {
    given([drafted]).when({ type: 'RevisePlan', ...body, title: '修正版', now }).then([{ type: 'PlanRevised', data: { preparedOn: '2026-11-27', ...content, title: '修正版' } }]);
    given([drafted, approved]).when({ type: 'RevisePlan', ...body, now }).thenThrows('PLAN_NOT_DRAFT');
  });

  it('is approved by the head, or recorded on the head’s behalf only with the signed document', () => {
    given([drafted]).when({ type: 'ApprovePlan', byHead: true, now }).then([approved]);
    given([drafted])
      .when({ type: 'ApprovePlan', byHead: false, documentNo: '府政字第1150100號', decidedOn: '2026-11-20', now })
      .then([{ type: 'PlanApproved', data: { approvedOn: '2026-11-20', onBehalf: { documentNo: '府政字第1150100號', decidedOn: '2026-11-20' } } }]);
    given([drafted]).when({ type: 'ApprovePlan', byHead: false, now }).thenThrows('HEAD_DECISION_NEEDS_DOCUMENT');
    given([drafted, approved]).when({ type: 'ApprovePlan', byHead: true, now }).thenThrows('PLAN_NOT_DRAFT');
  });

  it('refuses a signed approval dated before the draft it approves, revisions included', () => {
    const onPaper = { type: 'ApprovePlan', byHead: false, documentNo: '府政字第1150100號', now } as const;
    given([drafted]).when({ ...onPaper, decidedOn: '2026-11-19' }).thenThrows('DECIDED_BEFORE_REQUEST', 'decidedOn');
    const revised: PlanEvent = { type: 'PlanRevised', data: { preparedOn: '2026-11-25', ...content } };
    given([drafted, revised]).when({ ...onPaper, decidedOn: '2026-11-24' }).thenThrows('DECIDED_BEFORE_REQUEST', 'decidedOn');
    given([drafted, revised]).when({ ...onPaper, decidedOn: '2026-11-25' }).then([{ type: 'PlanApproved', data: { approvedOn: '2026-11-25', onBehalf: { documentNo: '府政字第1150100號', decidedOn: '2026-11-25' } } }]);
  });

  it('is superseded once, and only when in force', () => {
    given([drafted, approved]).when({ type: 'SupersedePlan', byPlanId: 'p2' }).then([{ type: 'PlanSuperseded', data: { byPlanId: 'p2' } }]);
    given([drafted, approved, { type: 'PlanSuperseded', data: { byPlanId: 'p2' } }]).when({ type: 'SupersedePlan', byPlanId: 'p2' }).then([]);
    given([drafted]).when({ type: 'SupersedePlan', byPlanId: 'p2' }).thenThrows('PLAN_NOT_IN_FORCE');
  });

  it('reminds of a planned visit once per stage, in order, only while the plan is in force', () => {
    const remind = (stage: string): PlanCommand => ({ type: 'IssueVisitReminder', siteId: 's1', dueOn: '2027-01-31', stage, recipients: ['u-officer'] });
    const issued = (stage: string): PlanEvent => ({ type: 'VisitReminderIssued', data: { obligationId: 'visit:s1:2027-01-31', siteId: 's1', dueOn: '2027-01-31', stage, recipients: ['u-officer'] } });
    given([drafted, approved]).when(remind('before_due')).then([issued('before_due')]);
    given([drafted, approved, issued('before_due')]).when(remind('before_due')).thenThrows('REMINDER_ALREADY_ISSUED');
    given([drafted, approved, issued('due')]).when(remind('before_due')).thenThrows('LATER_REMINDER_ALREADY_ISSUED');
    given([drafted]).when(remind('due')).thenThrows('VISIT_NOT_PLANNED');
    given([drafted, approved]).when({ ...remind('due'), siteId: 's9' } as PlanCommand).thenThrows('VISIT_NOT_PLANNED');
    given([drafted, approved, { type: 'PlanSuperseded', data: { byPlanId: 'p2' } }]).when(remind('due')).thenThrows('VISIT_NOT_PLANNED');
  });

  it('reminds of the visits already due when the plan came into force in one summary, each counted as reminded on its due date', () => {
    const summarise = (visits: { siteId: string; dueOn: string }[]): PlanCommand => ({ type: 'SummariseOverdueVisits', visits, recipients: ['u-officer'] });
    const summarised: PlanEvent = { type: 'OverdueVisitsSummarised', data: { visits: [{ obligationId: 'visit:s1:2027-01-31', siteId: 's1', dueOn: '2027-01-31' }], recipients: ['u-officer'] } };
    given([drafted, approved]).when(summarise([{ siteId: 's1', dueOn: '2027-01-31' }])).then([summarised]);
    // Summarised, the visit's next reminder is the first escalation: the due-date reminder is not sent again.
    given([drafted, approved, summarised]).when({ type: 'IssueVisitReminder', siteId: 's1', dueOn: '2027-01-31', stage: 'due', recipients: ['u-officer'] }).thenThrows('REMINDER_ALREADY_ISSUED');
    given([drafted, approved, summarised]).when({ type: 'IssueVisitReminder', siteId: 's1', dueOn: '2027-01-31', stage: 'escalation_1', recipients: ['u-supervisor'] }).then([
      { type: 'VisitReminderIssued', data: { obligationId: 'visit:s1:2027-01-31', siteId: 's1', dueOn: '2027-01-31', stage: 'escalation_1', recipients: ['u-supervisor'] } },
    ]);
    given([drafted, approved, summarised]).when(summarise([{ siteId: 's1', dueOn: '2027-01-31' }])).thenThrows('REMINDER_ALREADY_ISSUED');
    given([drafted]).when(summarise([{ siteId: 's1', dueOn: '2027-01-31' }])).thenThrows('VISIT_NOT_PLANNED');
    given([drafted, approved]).when(summarise([{ siteId: 's9', dueOn: '2027-01-31' }])).thenThrows('VISIT_NOT_PLANNED');
  });
});

describe('the visit schedule', () => {
  it('counts from the plan’s start before the first visit, then from the last visit', () => {
    expect(nextVisitDue(null, '2027-01-01', 30, TAIWAN_OFFICE_CALENDAR)).toBe('2027-02-01'); // 1/31 is a Sunday
    expect(nextVisitDue('2027-01-20', '2027-01-01', 30, TAIWAN_OFFICE_CALENDAR)).toBe('2027-02-19');
  });

  it('counts the reminders of a visit already due when the plan came into force from that day', () => {
    expect(visitRemindedFrom('2026-09-15', '2026-12-07')).toBe('2026-12-07');
    expect(visitRemindedFrom('2026-12-21', '2026-12-07')).toBe('2026-12-21');
  });

  it('moves a visit due on a day off to the next working day: past the Lunar New Year break', () =>
    expect(nextVisitDue('2027-01-05', '2027-01-01', 30, TAIWAN_OFFICE_CALENDAR)).toBe('2027-02-11')); // 2/4 is 除夕前一日: 2/4–2/10 are off
});
