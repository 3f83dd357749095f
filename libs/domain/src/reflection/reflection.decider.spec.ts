import { specificationOf } from '../testing/decider-specification';
import {
  anonymous,
  approvalRequested,
  approved,
  byHead,
  citizenReplied,
  closed,
  deadlines,
  decided,
  ownAgencyHandled,
  receive,
  received,
  referred,
  reported,
  routed,
  timed,
} from '../testing/reflection-fixtures';
import type { ReflectionCommand } from './reflection-command';
import { reflectionDecider } from './reflection.decider';

const given = specificationOf(reflectionDecider);

describe('receiving a reflection', () => {
  it('records the work record form, with the first handling opinion as its own fact', () =>
    given([])
      .when(receive({ handlingOpinion: '簽會工務課', theme: 'river_dredging' }))
      .then([received({ theme: 'river_dredging' }), { type: 'HandlingOpinionRecorded', data: { opinion: '簽會工務課' } }]));

  it('allows an anonymous reporter', () => given([]).when(receive({ reporter: {} })).then([anonymous]));

  it('refuses a category of the other nature', () =>
    given([]).when(receive({ nature: 'policy_feedback', category: 'public_facilities' })).thenThrows('CATEGORY_NOT_IN_NATURE', 'category'));

  it('refuses an unknown nature', () => given([]).when(receive({ nature: 'gossip' })).thenThrows('NOT_ALLOWED', 'nature'));

  it('refuses an empty summary and one over 4000 characters', () => {
    given([]).when(receive({ summary: '   ' })).thenThrows('SUMMARY_LENGTH', 'summary');
    given([]).when(receive({ summary: '字'.repeat(4001) })).thenThrows('SUMMARY_LENGTH', 'summary');
  });

  it('accepts a summary of exactly 4000 characters', () =>
    given([]).when(receive({ summary: '字'.repeat(4000), reporter: null })).then([received({ summary: '字'.repeat(4000), reporter: null })]));

  it('refuses a receivedOn later than today in Asia/Taipei', () =>
    given([]).when(receive({ receivedOn: '2026-11-28' })).thenThrows('RECEIVED_ON_IN_FUTURE', 'receivedOn'));

  it('accepts today in Taipei even when it is still yesterday in UTC', () =>
    given([])
      .when(receive({ receivedOn: '2026-11-28', now: new Date('2026-11-27T16:30:00Z'), reporter: null }))
      .then([received({ receivedOn: '2026-11-28', reporter: null })]));

  it('refuses a phone that is not Taiwanese', () =>
    given([]).when(receive({ reporter: { phone: '555-0100' } })).thenThrows('INVALID_PHONE', 'reporter.phone'));

  it('refuses an unknown theme', () => given([]).when(receive({ theme: 'weather' })).thenThrows('NOT_ALLOWED', 'theme'));

  it('refuses receiving the same reflection twice', () => given([received()]).when(receive()).thenThrows('REFLECTION_ALREADY_EXISTS'));
});

describe('routing within the own agency', () => {
  it('routes to each department named', () =>
    given([received()])
      .when({ type: 'RouteToDepartments', departments: ['工務課', '民政課'], dueOn: '2026-12-10', ...timed })
      .then([
        { type: 'RoutedToDepartment', data: { department: '工務課', dueOn: '2026-12-10' } },
        { type: 'RoutedToDepartment', data: { department: '民政課', dueOn: '2026-12-10' } },
      ]));

  it('gives the department 7 working days by default', () =>
    given([received()])
      .when({ type: 'RouteToDepartments', departments: ['工務課'], ...timed })
      .then([{ type: 'RoutedToDepartment', data: { department: '工務課', dueOn: '2026-12-08' } }]));

  it('counts working days past holidays: routing on the Thursday before Mid-Autumn and Teachers’ Day', () =>
    given([received({ receivedOn: '2026-09-24' })])
      .when({ type: 'RouteToDepartments', departments: ['工務課'], now: new Date('2026-09-24T02:00:00Z'), deadlines })
      .then([{ type: 'RoutedToDepartment', data: { department: '工務課', dueOn: '2026-10-07' } }]));

  it('refuses a due date in the past', () =>
    given([received()]).when({ type: 'RouteToDepartments', departments: ['工務課'], dueOn: '2026-11-01', ...timed }).thenThrows('DUE_ON_IN_PAST', 'dueOn'));

  it('refuses routing again to a department that has not answered', () =>
    given([received(), routed('工務課')]).when({ type: 'RouteToDepartments', departments: ['工務課'], ...timed }).thenThrows('ALREADY_ROUTED'));

  it('lets a department answer only what was routed to it', () => {
    given([received(), routed('工務課')])
      .when({ type: 'RecordDepartmentResponse', department: '民政課', response: '已派員勘查' })
      .thenThrows('DEPARTMENT_NOT_ROUTED');
    given([received(), routed('工務課')])
      .when({ type: 'RecordDepartmentResponse', department: '工務課', response: '已派員勘查' })
      .then([{ type: 'DepartmentResponded', data: { department: '工務課', response: '已派員勘查' } }]);
  });

  it('refuses a second answer once the department has answered', () =>
    given([received(), routed('工務課'), { type: 'DepartmentResponded', data: { department: '工務課', response: '已處理' } }])
      .when({ type: 'RecordDepartmentResponse', department: '工務課', response: '再次回覆' })
      .thenThrows('DEPARTMENT_NOT_ROUTED'));
});

describe('the agency head', () => {
  it('decides on a report only after something was reported', () => {
    given([received()]).when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', ...byHead }).thenThrows('NO_PENDING_REQUEST');
    given([received(), reported])
      .when({ type: 'RecordHeadDecision', subject: 'report', decision: 'approved', instructions: '列入施政參考', ...byHead })
      .then([decided({ subject: 'report', instructions: '列入施政參考' })]);
  });

  it('refuses a second report while the first awaits the head', () => given([received(), reported]).when({ type: 'ReportToHead', ...timed }).thenThrows('ALREADY_REPORTED_TO_HEAD'));

  it('needs the agency named in a referral decision', () =>
    given([received()]).when({ type: 'RecordHeadDecision', subject: 'referral', decision: 'approved', ...byHead }).thenThrows('AGENCY_REQUIRED', 'agency'));

  it('refuses an approval request already waiting, or already granted', () => {
    given([received(), approvalRequested('經濟部水利署')])
      .when({ type: 'RequestHeadApproval', agency: '經濟部水利署', ...timed })
      .thenThrows('HEAD_APPROVAL_ALREADY_REQUESTED');
    given([received(), approvalRequested('經濟部水利署'), approved('經濟部水利署')])
      .when({ type: 'RequestHeadApproval', agency: '經濟部水利署', ...timed })
      .thenThrows('REFERRAL_ALREADY_APPROVED');
  });
});

describe('referral to another agency', () => {
  const refer = (agency = '經濟部水利署'): ReflectionCommand => ({
    type: 'ReferToAgency',
    agency,
    letterNo: '府政字第1150001號',
    sentOn: '2026-11-26',
    ...timed,
  });

  const approvedFor = (agency: string) => [approvalRequested(agency), approved(agency)];

  it('needs an approved head decision for that referral first', () => {
    given([received()]).when(refer()).thenThrows('REFERRAL_NEEDS_HEAD_APPROVAL');
    given([received(), ...approvedFor('內政部')]).when(refer()).thenThrows('REFERRAL_NEEDS_HEAD_APPROVAL');
    given([received(), approvalRequested('經濟部水利署'), decided({ subject: 'referral', decision: 'returned', agency: '經濟部水利署', instructions: '再研議' })])
      .when(refer())
      .thenThrows('REFERRAL_NEEDS_HEAD_APPROVAL');
  });

  it('refers with the letter number once approved, owing the citizen a notice of the referral (§172)', () =>
    given([received(), ...approvedFor('經濟部水利署')]).when(refer()).then([referred('經濟部水利署', '2026-12-03')]));

  it('owes no notice to an anonymous reporter', () => given([anonymous, ...approvedFor('經濟部水利署')]).when(refer()).then([referred('經濟部水利署', null)]));

  it('uses an approval once', () => given([received(), ...approvedFor('經濟部水利署'), referred('經濟部水利署')]).when(refer()).thenThrows('REFERRAL_NEEDS_HEAD_APPROVAL'));

  it('refuses a letter sent in the future', () =>
    given([received(), ...approvedFor('經濟部水利署')]).when({ ...refer(), sentOn: '2026-12-01' } as ReflectionCommand).thenThrows('SENT_ON_IN_FUTURE', 'sentOn'));

  it('accepts a reply only from an agency referred to', () => {
    given([received()]).when({ type: 'RecordAgencyReply', agency: '經濟部水利署', reply: '已排入疏濬' }).thenThrows('AGENCY_NOT_REFERRED');
    given([received(), ...approvedFor('經濟部水利署'), referred('經濟部水利署')])
      .when({ type: 'RecordAgencyReply', agency: '經濟部水利署', reply: '已排入疏濬', letterNo: '水利字第1150002號' })
      .then([{ type: 'AgencyReplied', data: { agency: '經濟部水利署', reply: '已排入疏濬', letterNo: '水利字第1150002號' } }]);
  });
});

describe('closing a handled reflection', () => {
  it('needs a citizen reply', () => given([received(), ...ownAgencyHandled]).when({ type: 'CloseReflection', outcome: '已改善' }).thenThrows('CITIZEN_REPLY_REQUIRED'));

  it('closes once the citizen was replied to', () =>
    given([received(), ...ownAgencyHandled, citizenReplied]).when({ type: 'CloseReflection', outcome: '已改善' }).then([closed]));

  it('refuses a no-reply reason when the citizen was replied to', () =>
    given([received(), ...ownAgencyHandled, citizenReplied])
      .when({ type: 'CloseReflection', outcome: '已改善', noReplyReason: 'anonymous' })
      .thenThrows('NO_REPLY_REASON_NOT_APPLICABLE', 'noReplyReason'));

  it('closes an anonymous reflection without reply when the reason says so', () =>
    given([anonymous, ...ownAgencyHandled])
      .when({ type: 'CloseReflection', outcome: '已改善', noReplyReason: 'anonymous' })
      .then([{ type: 'ReflectionClosed', data: { outcome: '已改善', noReplyReason: 'anonymous' } }]));

  it('refuses "anonymous" for a named reporter and "no contact" for one who left a phone', () => {
    given([received(), ...ownAgencyHandled]).when({ type: 'CloseReflection', outcome: '已改善', noReplyReason: 'anonymous' }).thenThrows('REPORTER_NOT_ANONYMOUS');
    given([received(), ...ownAgencyHandled]).when({ type: 'CloseReflection', outcome: '已改善', noReplyReason: 'no_contact' }).thenThrows('REPORTER_HAS_CONTACT');
  });

  it('accepts "no contact" for a named reporter without phone or address', () =>
    given([received({ reporter: { name: '王小明' } }), ...ownAgencyHandled])
      .when({ type: 'CloseReflection', outcome: '已改善', noReplyReason: 'no_contact' })
      .then([{ type: 'ReflectionClosed', data: { outcome: '已改善', noReplyReason: 'no_contact' } }]));

  it('refuses an unknown no-reply reason', () =>
    given([anonymous, ...ownAgencyHandled]).when({ type: 'CloseReflection', outcome: '已改善', noReplyReason: 'busy' }).thenThrows('NOT_ALLOWED', 'noReplyReason'));
});

describe('a closed reflection', () => {
  const history = [received(), ...ownAgencyHandled, citizenReplied, closed];

  it.each<ReflectionCommand>([
    { type: 'RecordHandlingOpinion', opinion: '補充' },
    { type: 'RouteToDepartments', departments: ['工務課'], ...timed },
    { type: 'ReportToHead', ...timed },
    { type: 'RecordCitizenReply', channel: 'phone', content: '再次回復' },
    { type: 'CloseReflection', outcome: '再結' },
  ])('refuses %p', (command) => given(history).when(command).thenThrows('REFLECTION_CLOSED'));

  it('reopens with a reason, and then needs a new citizen reply to close', () => {
    given(history)
      .when({ type: 'ReopenReflection', reason: '民眾再次反映', ...timed })
      .then([{ type: 'ReflectionReopened', data: { reason: '民眾再次反映', citizenReplyDueOn: '2026-12-28' } }]);
    given(history).when({ type: 'ReopenReflection', reason: ' ', ...timed }).thenThrows('REQUIRED', 'reason');
    given([...history, { type: 'ReflectionReopened', data: { reason: '民眾再次反映', citizenReplyDueOn: '2026-12-28' } }])
      .when({ type: 'CloseReflection', outcome: '已改善' })
      .thenThrows('CITIZEN_REPLY_REQUIRED');
  });

  it('cannot reopen what is open', () => given([received()]).when({ type: 'ReopenReflection', reason: '誤植', ...timed }).thenThrows('REFLECTION_NOT_CLOSED'));
});

describe('publishing the result', () => {
  const history = [received(), ...ownAgencyHandled, citizenReplied, closed];
  const publish = (publicSummary: string): ReflectionCommand => ({ type: 'PublishResult', venue: 'village_assembly', publicSummary });

  it('publishes a closed reflection', () =>
    given(history).when(publish('河川疏濬已完成')).then([{ type: 'ResultPublished', data: { venue: 'village_assembly', publicSummary: '河川疏濬已完成' } }]));

  it('waits for the reflection to be closed', () => given([received()]).when(publish('河川疏濬已完成')).thenThrows('REFLECTION_NOT_CLOSED'));

  it.each([
    '王小明反映之河川疏濬已完成',
    '王 小明反映之河川疏濬已完成',
    '請洽0912345678',
    '請洽 +886 912-345-678',
    '請洽０９１２－３４５－６７８',
    '請洽 0912 345 678',
    '請洽(09)12-345-678',
    '臺中市北區中華路1號前之河川已疏濬',
    '台中市北區中華路１號前之河川已疏濬',
    '北區中華路1號前之河川已疏濬',
    '中華路1號前之河川已疏濬',
    '臺中市北區中華路 1 號前之河川已疏濬',
  ])(
    'refuses a public summary with the reporter’s personal data: %s',
    (summary) => given(history).when(publish(summary)).thenThrows('PUBLIC_SUMMARY_CONTAINS_PERSONAL_DATA', 'publicSummary'),
  );

  it.each(['臺中市北區河川疏濬已完成', '中華路段之路燈已修復', '民眾反映之河川疏濬已完成，電話專線1999'])('publishes a summary that names places but no reporter: %s', (summary) =>
    given(history).when(publish(summary)).then([{ type: 'ResultPublished', data: { venue: 'village_assembly', publicSummary: summary } }]));

  it('refuses an unknown venue', () =>
    given(history).when({ type: 'PublishResult', venue: 'facebook', publicSummary: '已完成' }).thenThrows('NOT_ALLOWED', 'venue'));
});

describe('erasing reporter data', () => {
  it('erases once, and not where there is nothing to erase', () => {
    given([received()]).when({ type: 'EraseReporterData', reason: '當事人請求刪除' }).then([{ type: 'ReporterDataErased', data: { reason: '當事人請求刪除' } }]);
    given([received(), { type: 'ReporterDataErased', data: { reason: '請求' } }]).when({ type: 'EraseReporterData', reason: '再次' }).thenThrows('REPORTER_ALREADY_ERASED');
    given([anonymous]).when({ type: 'EraseReporterData', reason: '請求' }).thenThrows('NO_REPORTER_DATA');
  });
});

describe('a reflection that does not exist', () => {
  it('is not found', () => given([]).when({ type: 'RecordHandlingOpinion', opinion: '簽會' }).thenThrows('REFLECTION_NOT_FOUND'));
});
