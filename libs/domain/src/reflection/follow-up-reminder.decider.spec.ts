import { TAIWAN_OFFICE_CALENDAR } from '../calendar/taiwan-office-calendar';
import { specificationOf } from '../testing/decider-specification';
import { anonymous, routed as routedTo } from '../testing/reflection-fixtures';
import { DEFAULT_DEADLINE_POLICY } from './deadline-policy';
import type { ReflectionEvent } from './reflection-event';
import { reflectionDecider } from './reflection.decider';
import { pendingReminders, sendOnFor } from './reminder-schedule';

const given = specificationOf(reflectionDecider);
const received = anonymous;
const routed = routedTo('工務課');
const issued = (obligationId: string, stage: 'before_due' | 'due' | `escalation_${number}`, kind: 'citizen_reply' | 'department_answer' = 'department_answer'): ReflectionEvent => ({
  type: 'FollowUpReminderIssued',
  data: { obligationId, kind, party: kind === 'department_answer' ? '工務課' : null, stage, dueOn: kind === 'department_answer' ? '2026-12-08' : '2026-12-28', recipients: ['officer-1'] },
});

describe('issuing follow-up reminders', () => {
  it('issues a reminder about an open obligation, naming its recipients', () =>
    given([received, routed]).when({ type: 'IssueFollowUpReminder', obligationId: 'department_answer:1', stage: 'before_due', recipients: ['officer-1'] }).then([issued('department_answer:1', 'before_due')]));

  it('never issues the same stage twice', () =>
    given([received, routed, issued('department_answer:1', 'before_due')])
      .when({ type: 'IssueFollowUpReminder', obligationId: 'department_answer:1', stage: 'before_due', recipients: ['officer-1'] })
      .thenThrows('REMINDER_ALREADY_ISSUED'));

  it('reminds of nothing once the obligation is met or the reflection closed', () => {
    given([received, routed, { type: 'DepartmentResponded', data: { department: '工務課', response: '已修復' } }])
      .when({ type: 'IssueFollowUpReminder', obligationId: 'department_answer:1', stage: 'due', recipients: [] })
      .thenThrows('OBLIGATION_NOT_OPEN');
    given([received, { type: 'CitizenReplied', data: { channel: 'phone', content: '已回復' } }, { type: 'ReflectionClosed', data: { outcome: '已修復', noReplyReason: null } }])
      .when({ type: 'IssueFollowUpReminder', obligationId: 'citizen_reply:0', stage: 'due', recipients: [] })
      .thenThrows('OBLIGATION_NOT_OPEN');
    given([received]).when({ type: 'IssueFollowUpReminder', obligationId: 'agency_reply:7', stage: 'due', recipients: [] }).thenThrows('OBLIGATION_NOT_OPEN');
  });

  it('never goes back to an earlier stage, may skip past ones, and refuses unknown stages', () => {
    given([received, routed, issued('department_answer:1', 'due')])
      .when({ type: 'IssueFollowUpReminder', obligationId: 'department_answer:1', stage: 'before_due', recipients: [] })
      .thenThrows('LATER_REMINDER_ALREADY_ISSUED');
    given([received, routed, issued('department_answer:1', 'before_due')])
      .when({ type: 'IssueFollowUpReminder', obligationId: 'department_answer:1', stage: 'escalation_2', recipients: ['officer-1'] })
      .then([issued('department_answer:1', 'escalation_2')]);
    given([received, routed]).when({ type: 'IssueFollowUpReminder', obligationId: 'department_answer:1', stage: 'someday', recipients: [] }).thenThrows('NOT_ALLOWED', 'stage');
  });
});

describe('the reminder schedule', () => {
  const policy = DEFAULT_DEADLINE_POLICY;
  const calendar = TAIWAN_OFFICE_CALENDAR;
  const state = (events: ReflectionEvent[]) => events.reduce(reflectionDecider.evolve, reflectionDecider.initialState());

  it('plans the first reminder 2 working days before, one on the due date, then the first escalation 3 working days after', () => {
    const [, department] = state([received, routed]).obligations;
    expect(pendingReminders(department, [], policy, calendar, '2026-11-27')).toEqual([
      { stage: 'before_due', sendOn: '2026-12-04' },
      { stage: 'due', sendOn: '2026-12-08' },
      { stage: 'escalation_1', sendOn: '2026-12-11' },
    ]);
  });

  it('repeats escalations weekly, one ahead at a time, and plans nothing for a met obligation', () => {
    const [, department] = state([received, routed]).obligations;
    expect(pendingReminders(department, ['before_due', 'due', 'escalation_1'], policy, calendar, '2026-12-11')).toEqual([{ stage: 'escalation_2', sendOn: '2026-12-18' }]);
    expect(sendOnFor('escalation_3', '2026-12-08', policy, calendar)).toBe('2026-12-25');
    const met = state([received, routed, { type: 'DepartmentResponded', data: { department: '工務課', response: '已修復' } }]).obligations[1];
    expect(pendingReminders(met, [], policy, calendar, '2026-11-27')).toEqual([]);
  });

  it('collapses stages already past into the latest, then plans ahead as usual', () => {
    const [, department] = state([received, routed]).obligations;
    expect(pendingReminders(department, [], policy, calendar, '2026-12-20')).toEqual([
      { stage: 'escalation_2', sendOn: '2026-12-18' },
      { stage: 'escalation_3', sendOn: '2026-12-25' },
    ]);
    expect(pendingReminders(department, ['before_due'], policy, calendar, '2026-12-08')).toEqual([
      { stage: 'due', sendOn: '2026-12-08' },
      { stage: 'escalation_1', sendOn: '2026-12-11' },
    ]);
  });

  it('counts the reminder’s working days past holidays', () => {
    expect(sendOnFor('before_due', '2026-10-13', policy, calendar)).toBe('2026-10-08'); // Mon 10/12, then past the weekend and Fri 10/9 (National Day off)
  });
});
