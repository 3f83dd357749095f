import { specificationOf } from '../testing/decider-specification';
import {
  agencyReplied,
  anonymous,
  approvalRequested,
  approved,
  byHead,
  citizenReplied,
  closed,
  decided,
  deadlines,
  now,
  ownAgencyHandled,
  received,
  referralHandled,
  referred,
  reported,
  reportApproved,
  responded,
  routed,
  timed,
} from '../testing/reflection-fixtures';
import type { ReflectionCommand } from './reflection-command';
import type { ReflectionEvent } from './reflection-event';
import { upcastReflectionEvent } from './reflection-event';
import { reflectionDecider } from './reflection.decider';

const given = specificationOf(reflectionDecider);
const close: ReflectionCommand = { type: 'CloseReflection', outcome: '已改善' };
const onPaper = { byHead: false, documentNo: '府政字第1150088號', decidedOn: '2026-11-26', ...timed };
const extensionRequested: ReflectionEvent = {
  type: 'ExtensionRequested',
  data: { currentDueOn: '2026-12-28', newDueOn: '2027-01-29', reason: '須俟水利署現勘', requestedOn: '2026-11-27', dueOn: '2026-12-04' },
};

describe('head decisions answer what was put to the head (玖.二)', () => {
  it.each([
    ['referral', '經濟部水利署'],
    ['report', undefined],
    ['extension', undefined],
  ])('refuses a %s decision with no request pending, naming the subject', (subject, agency) =>
    given([received()]).when({ type: 'RecordHeadDecision', subject, decision: 'approved', agency, ...byHead }).thenThrows('NO_PENDING_REQUEST'));

  it('refuses a decision on a referral to another agency than the one asked', () =>
    given([received(), approvalRequested('經濟部水利署')])
      .when({ type: 'RecordHeadDecision', subject: 'referral', decision: 'approved', agency: '內政部', ...byHead })
      .thenThrows('NO_PENDING_REQUEST'));

  it('refuses a second decision on the same request', () =>
    given([received(), approvalRequested('經濟部水利署'), approved('經濟部水利署')])
      .when({ type: 'RecordHeadDecision', subject: 'referral', decision: 'approved', agency: '經濟部水利署', ...byHead })
      .thenThrows('NO_PENDING_REQUEST'));

  it('takes the head’s own decision', () =>
    given([received(), approvalRequested('經濟部水利署')])
      .when({ type: 'RecordHeadDecision', subject: 'referral', decision: 'returned', agency: '經濟部水利署', instructions: '請先洽詢', ...byHead })
      .then([decided({ subject: 'referral', decision: 'returned', agency: '經濟部水利署', instructions: '請先洽詢' })]));

  it('records a decision signed on paper on the head’s behalf, with its reference and date', () =>
    given([received(), reported])
      .when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', ...onPaper })
      .then([decided({ subject: 'report', onBehalf: { documentNo: '府政字第1150088號', decidedOn: '2026-11-26' } })]));

  it('refuses anybody but the head without the document, before anything else', () => {
    given([received(), reported]).when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', byHead: false, ...timed }).thenThrows('HEAD_DECISION_NEEDS_DOCUMENT');
    given([received(), reported])
      .when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', byHead: false, decidedOn: '2026-11-26', ...timed })
      .thenThrows('HEAD_DECISION_NEEDS_DOCUMENT');
    given([received()]).when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', byHead: false, ...timed }).thenThrows('HEAD_DECISION_NEEDS_DOCUMENT');
  });

  it('refuses a paper decision dated in the future', () =>
    given([received(), reported])
      .when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', ...onPaper, decidedOn: '2026-11-28' })
      .thenThrows('DECIDED_ON_IN_FUTURE', 'decidedOn'));

  it('refuses a paper decision dated before the request it answers, for each subject', () => {
    given([received(), reported])
      .when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', ...onPaper, decidedOn: '2026-11-25' })
      .thenThrows('DECIDED_BEFORE_REQUEST', 'decidedOn');
    given([received(), approvalRequested('經濟部水利署')])
      .when({ type: 'RecordHeadDecision', subject: 'referral', decision: 'approved', agency: '經濟部水利署', ...onPaper, decidedOn: '2026-11-25' })
      .thenThrows('DECIDED_BEFORE_REQUEST', 'decidedOn');
    given([received(), extensionRequested])
      .when({ type: 'RecordHeadDecision', subject: 'extension', decision: 'approved', ...onPaper, decidedOn: '2026-11-25' })
      .thenThrows('DECIDED_BEFORE_REQUEST', 'decidedOn');
    // A request recorded before requests kept their day cannot be checked: the paper is taken as dated.
    const undated = { ...reported, data: upcastReflectionEvent('ReportedToHead', 1, { note: null, dueOn: '2026-12-04' }) } as ReflectionEvent;
    given([received(), undated])
      .when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', ...onPaper, decidedOn: '2026-11-25' })
      .then([decided({ subject: 'report', onBehalf: { documentNo: '府政字第1150088號', decidedOn: '2026-11-25' } })]);
  });

  it('reads a head decision recorded before version 2 as the head’s own', () =>
    expect(upcastReflectionEvent('HeadDecisionRecorded', 1, { subject: 'report', decision: 'approved', agency: null, instructions: null })).toEqual({
      subject: 'report',
      decision: 'approved',
      agency: null,
      instructions: null,
      onBehalf: null,
    }));

  it('reads a reflection received before version 2 as placed by its site alone', () =>
    expect(upcastReflectionEvent('ReflectionReceived', 1, { reflectionId: 'r1', siteId: 's1' })).toEqual({ reflectionId: 'r1', siteId: 's1', place: null }));

  it('does not read a version newer than it knows', () => expect(upcastReflectionEvent('HeadDecisionRecorded', 3, {})).toBeNull());
});

describe('closing follows the programme (玖.一, 玖.二, 玖.四)', () => {
  it('closes a case handled by the own agency: routed, answered, reported, approved', () =>
    given([received(), ...ownAgencyHandled, citizenReplied]).when(close).then([closed]));

  it('closes a case referred with the reply in', () => given([received(), ...referralHandled(), citizenReplied]).when(close).then([closed]));

  it('refuses a case not handled at all, listing both paths', () => {
    let caught: unknown;
    try {
      reflectionDecider.decide(close, [received(), citizenReplied].reduce(reflectionDecider.evolve, reflectionDecider.initialState()));
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'CLOSE_NEEDS_HANDLING',
      details: { openObligations: [], ownAgency: ['route_to_departments', 'report_to_head'], otherAgency: ['request_head_approval'] },
    });
  });

  it('refuses while a department’s answer is pending, naming it', () => {
    const history = [received(), ...ownAgencyHandled, routed('民政課'), citizenReplied];
    expect(() => reflectionDecider.decide(close, history.reduce(reflectionDecider.evolve, reflectionDecider.initialState()))).toThrow(
      expect.objectContaining({ code: 'CLOSE_NEEDS_HANDLING', details: { openObligations: [{ id: 'department_answer:3', kind: 'department_answer', party: '民政課', dueOn: '2026-12-08' }] } }),
    );
  });

  it('refuses an own-agency case never reported to the head, or whose report the head has not approved', () => {
    given([received(), routed('工務課'), responded('工務課'), citizenReplied]).when(close).thenThrows('CLOSE_NEEDS_HANDLING');
    given([received(), routed('工務課'), responded('工務課'), reported, citizenReplied]).when(close).thenThrows('CLOSE_NEEDS_HANDLING');
    given([received(), routed('工務課'), responded('工務課'), reported, decided({ subject: 'report', decision: 'returned' }), citizenReplied])
      .when(close)
      .thenThrows('CLOSE_NEEDS_HANDLING');
  });

  it('refuses while another agency’s reply is pending', () =>
    given([received(), ...ownAgencyHandled, approvalRequested('經濟部水利署'), approved('經濟部水利署'), referred('經濟部水利署', null), citizenReplied])
      .when(close)
      .thenThrows('CLOSE_NEEDS_HANDLING'));

  it('refuses while the citizen is owed the notice of a referral', () =>
    given([received(), approvalRequested('經濟部水利署'), approved('經濟部水利署'), referred('經濟部水利署'), agencyReplied('經濟部水利署'), citizenReplied])
      .when(close)
      .thenThrows('CLOSE_NEEDS_HANDLING'));
});

describe('withdrawing an obligation (撤回)', () => {
  const withdraw = (obligationId: string): ReflectionCommand => ({ type: 'WithdrawObligation', obligationId, reason: '非本課權管' });

  it('withdraws a department’s answer with its reason, ending its follow-up', () =>
    given([received(), routed('工務課')])
      .when(withdraw('department_answer:1'))
      .then([{ type: 'ObligationWithdrawn', data: { obligationId: 'department_answer:1', kind: 'department_answer', party: '工務課', reason: '非本課權管' } }]));

  it('lets a case close once the wrong department is withdrawn and the right one answered', () => {
    const withdrawn: ReflectionEvent = { type: 'ObligationWithdrawn', data: { obligationId: 'department_answer:1', kind: 'department_answer', party: '民政課', reason: '非本課權管' } };
    given([received(), routed('民政課'), withdrawn, routed('工務課'), responded('工務課'), reported, reportApproved, citizenReplied]).when(close).then([closed]);
  });

  it('withdraws a referral sent to the wrong agency; the agency can then no longer reply', () => {
    const history = [received(), approvalRequested('內政部'), approved('內政部'), referred('內政部', null)];
    given(history).when(withdraw('agency_reply:2')).then([{ type: 'ObligationWithdrawn', data: { obligationId: 'agency_reply:2', kind: 'agency_reply', party: '內政部', reason: '非本課權管' } }]);
    given([...history, { type: 'ObligationWithdrawn', data: { obligationId: 'agency_reply:2', kind: 'agency_reply', party: '內政部', reason: '誤送' } }])
      .when({ type: 'RecordAgencyReply', agency: '內政部', reply: '已收悉' })
      .thenThrows('AGENCY_NOT_REFERRED');
  });

  it('refuses what is not open, and what the programme does not let go', () => {
    given([received()]).when(withdraw('department_answer:9')).thenThrows('OBLIGATION_NOT_OPEN');
    given([received(), routed('工務課'), responded('工務課')]).when(withdraw('department_answer:1')).thenThrows('OBLIGATION_NOT_OPEN');
    given([received()]).when(withdraw('citizen_reply:0')).thenThrows('OBLIGATION_NOT_WITHDRAWABLE');
    given([received(), reported]).when(withdraw('head_decision:1')).thenThrows('OBLIGATION_NOT_WITHDRAWABLE');
  });

  it('needs a reason', () => given([received(), routed('工務課')]).when({ type: 'WithdrawObligation', obligationId: 'department_answer:1', reason: ' ' }).thenThrows('REQUIRED', 'reason'));
});

describe('extending the citizen-reply deadline (展延)', () => {
  const request = (newDueOn = '2027-01-29'): ReflectionCommand => ({ type: 'RequestExtension', newDueOn, reason: '須俟水利署現勘', ...timed });
  const decide = (decision: string): ReflectionCommand => ({ type: 'RecordHeadDecision', subject: 'extension', decision, ...byHead });

  it('asks the head, who has 5 working days', () => given([received()]).when(request()).then([extensionRequested]));

  it('needs a later date than the one due now, and something still due', () => {
    given([received()]).when(request('2026-12-28')).thenThrows('EXTENSION_NOT_LATER', 'newDueOn');
    given([received()]).when(request('2026-02-30')).thenThrows('INVALID_DATE', 'newDueOn');
    given([received(), citizenReplied]).when(request()).thenThrows('NO_CITIZEN_REPLY_PENDING');
    given([received(), extensionRequested]).when(request()).thenThrows('EXTENSION_ALREADY_REQUESTED');
  });

  it('moves the due date on approval, and owes the citizen the reason in writing', () =>
    given([received(), extensionRequested])
      .when(decide('approved'))
      .then([
        decided({ subject: 'extension' }),
        { type: 'CitizenReplyDeadlineExtended', data: { previousDueOn: '2026-12-28', newDueOn: '2027-01-29', reason: '須俟水利署現勘', noticeDueOn: '2026-12-04' } },
      ]));

  it('owes no written notice to an anonymous reporter', () =>
    given([anonymous, extensionRequested])
      .when(decide('approved'))
      .then([
        decided({ subject: 'extension' }),
        { type: 'CitizenReplyDeadlineExtended', data: { previousDueOn: '2026-12-28', newDueOn: '2027-01-29', reason: '須俟水利署現勘', noticeDueOn: null } },
      ]));

  it('leaves the date when the head returns it', () => given([received(), extensionRequested]).when(decide('returned')).then([decided({ subject: 'extension', decision: 'returned' })]));

  it('replaces the citizen-reply obligation with one due on the new date', () => {
    const state = [
      received(),
      extensionRequested,
      decided({ subject: 'extension' }),
      { type: 'CitizenReplyDeadlineExtended', data: { previousDueOn: '2026-12-28', newDueOn: '2027-01-29', reason: '須俟現勘', noticeDueOn: '2026-12-04' } } as ReflectionEvent,
    ].reduce(reflectionDecider.evolve, reflectionDecider.initialState());
    expect(state.obligations.map(({ id, state: s, dueOn }) => [id, s, dueOn])).toEqual([
      ['citizen_reply:0', 'extended', '2026-12-28'],
      ['head_decision:1', 'fulfilled', '2026-12-04'],
      ['citizen_reply:2', 'open', '2027-01-29'],
      ['extension_notice:3', 'open', '2026-12-04'],
    ]);
    expect(state.citizenReplyDueOn).toBe('2027-01-29');
  });
});

describe('notifying the citizen (行政程序法§172; 書面告知展延理由)', () => {
  const notice = (kind: string, channel: string, extra: Partial<Extract<ReflectionCommand, { type: 'RecordCitizenNotice' }>> = {}): ReflectionCommand => ({
    type: 'RecordCitizenNotice',
    kind,
    channel,
    sentOn: '2026-11-27',
    content: '本案已函請經濟部水利署參處',
    ...timed,
    ...extra,
  });
  const referredWithNotice = [received(), approvalRequested('經濟部水利署'), approved('經濟部水利署'), referred('經濟部水利署')];
  const extended = [
    received(),
    extensionRequested,
    decided({ subject: 'extension' }),
    { type: 'CitizenReplyDeadlineExtended', data: { previousDueOn: '2026-12-28', newDueOn: '2027-01-29', reason: '須俟現勘', noticeDueOn: '2026-12-04' } } as ReflectionEvent,
  ];

  it('records the referral notice, which a referral owes the citizen', () =>
    given(referredWithNotice)
      .when(notice('referral', 'phone'))
      .then([{ type: 'CitizenNotified', data: { kind: 'referral', agency: '經濟部水利署', channel: 'phone', sentOn: '2026-11-27', content: '本案已函請經濟部水利署參處' } }]));

  it('gives an extension’s reason in writing only', () => {
    given(extended).when(notice('extension', 'phone')).thenThrows('WRITTEN_NOTICE_REQUIRED', 'channel');
    given(extended)
      .when(notice('extension', 'letter', { content: '因須現勘，展延至116年1月29日答復' }))
      .then([{ type: 'CitizenNotified', data: { kind: 'extension', agency: null, channel: 'letter', sentOn: '2026-11-27', content: '因須現勘，展延至116年1月29日答復' } }]);
  });

  it('refuses a notice nobody owes', () => {
    given([received()]).when(notice('referral', 'letter')).thenThrows('NO_NOTICE_PENDING');
    given(referredWithNotice).when(notice('referral', 'letter', { agency: '內政部' })).thenThrows('NO_NOTICE_PENDING');
    given([received()]).when(notice('extension', 'fax')).thenThrows('NO_NOTICE_PENDING');
  });

  it('refuses a notice sent in the future, or of an unknown kind', () => {
    given(referredWithNotice).when(notice('referral', 'letter', { sentOn: '2026-11-28' })).thenThrows('SENT_ON_IN_FUTURE', 'sentOn');
    given(referredWithNotice).when(notice('gossip', 'letter')).thenThrows('NOT_ALLOWED', 'kind');
  });
});

describe('due dates past the office calendar', () => {
  const withDeadlines = { now, deadlines };

  it('counts 2027 with its official days off: routing before the Lunar New Year break', () =>
    given([received()])
      .when({ type: 'RouteToDepartments', departments: ['工務課'], now: new Date('2027-02-02T02:00:00Z'), deadlines })
      .then([{ type: 'RoutedToDepartment', data: { department: '工務課', dueOn: '2027-02-18' } }]));

  it('marks a due date counted into a year the calendar does not cover', () =>
    given([received()])
      .when({ type: 'RouteToDepartments', departments: ['工務課'], now: new Date('2027-12-27T02:00:00Z'), deadlines })
      .then([{ type: 'RoutedToDepartment', data: { department: '工務課', dueOn: '2028-01-06', beyondCalendar: true } }]));

  it('does not mark a due date the officer gave', () =>
    given([received()])
      .when({ type: 'RouteToDepartments', departments: ['工務課'], dueOn: '2028-02-01', ...withDeadlines })
      .then([{ type: 'RoutedToDepartment', data: { department: '工務課', dueOn: '2028-02-01' } }]));
});

describe('the citizen withdraws the petition (陳情人撤回)', () => {
  const withdraw = (overrides: Partial<Extract<ReflectionCommand, { type: 'RecordCitizenWithdrawal' }>> = {}): ReflectionCommand => ({
    type: 'RecordCitizenWithdrawal',
    withdrawnOn: '2026-11-27',
    channel: 'phone',
    statement: '已自行與里長協調解決，撤回陳情',
    ...timed,
    ...overrides,
  });
  const midway = [received(), routed('工務課'), approvalRequested('經濟部水利署')];
  const withdrawn: ReflectionEvent = {
    type: 'CitizenWithdrewPetition',
    data: {
      withdrawnOn: '2026-11-27',
      channel: 'phone',
      statement: '已自行與里長協調解決，撤回陳情',
      withdrawn: [
        { obligationId: 'citizen_reply:0', kind: 'citizen_reply', party: null },
        { obligationId: 'department_answer:1', kind: 'department_answer', party: '工務課' },
        { obligationId: 'head_decision:2', kind: 'head_decision', party: '經濟部水利署' },
      ],
    },
  };

  it('is recorded with its date, channel and words, and withdraws every obligation still open', () => given(midway).when(withdraw()).then([withdrawn]));

  it('is the handling: the case closes without the rest of either path and without a citizen reply', () => {
    given([...midway, withdrawn]).when(close).then([closed]);
    given([...midway, withdrawn]).when({ ...close, noReplyReason: 'no_contact' }).thenThrows('NO_REPLY_REASON_NOT_APPLICABLE', 'noReplyReason');
  });

  it('asks nothing new of departments, agencies or the head afterwards, and is recorded once', () => {
    given([...midway, withdrawn]).when({ type: 'RouteToDepartments', departments: ['建設課'], ...timed }).thenThrows('PETITION_WITHDRAWN');
    given([...midway, withdrawn]).when({ type: 'ReportToHead', ...timed }).thenThrows('PETITION_WITHDRAWN');
    given([...midway, withdrawn]).when(withdraw()).thenThrows('PETITION_WITHDRAWN');
    given([...midway, withdrawn]).when({ type: 'RecordHeadDecision', subject: 'referral', decision: 'approved', agency: '經濟部水利署', ...byHead }).thenThrows('NO_PENDING_REQUEST');
  });

  it('refuses a date in the future or before the case was received, and an unknown channel', () => {
    given(midway).when(withdraw({ withdrawnOn: '2026-11-28' })).thenThrows('WITHDRAWN_ON_IN_FUTURE', 'withdrawnOn');
    given(midway).when(withdraw({ withdrawnOn: '2026-11-25' })).thenThrows('WITHDRAWN_BEFORE_RECEIVED', 'withdrawnOn');
    given(midway).when(withdraw({ channel: 'pigeon' })).thenThrows('NOT_ALLOWED', 'channel');
    given([received(), closed]).when(withdraw()).thenThrows('REFLECTION_CLOSED');
  });
});
