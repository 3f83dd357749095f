import { createHash } from 'node:crypto';
import { specificationOf } from '../testing/decider-specification';
import {
  biweeklyReportDecider,
  reportContent,
  upcastReportEvent,
  type BiweeklyReportCommand,
  type BiweeklyReportEvent,
  type ReportRowFacts,
  type ReportRowText,
} from './biweekly-report';

const sha256 = (content: string) => createHash('sha256').update(content).digest('hex');
const decider = biweeklyReportDecider(sha256);
const given = specificationOf(decider);
const period = { start: '2026-11-09', end: '2026-11-22' };
const facts = (needs: number): ReportRowFacts[] => [
  { kind: 'public_need', count: needs, countsByCategory: { public_facilities: needs }, itemIds: Array.from({ length: needs }, (_, i) => `r${i}`) },
  { kind: 'policy_feedback', count: 0, countsByCategory: {}, itemIds: [] },
  { kind: 'promotion', count: 1, countsByCategory: { leaflets: 1 }, itemIds: ['p1'] },
];
const composed: ReportRowText[] = [
  { kind: 'public_need', summary: '路燈故障', opinions: '簽會工務課' },
  { kind: 'policy_feedback', summary: '無', opinions: '無' },
  { kind: 'promotion', summary: '發放文宣', opinions: '持續宣導' },
];
const recomposed: ReportRowText[] = [{ ...composed[0], summary: '路燈故障；道路坑洞' }, composed[1], composed[2]];
const afterPeriod = new Date('2026-11-23T02:00:00Z');
const draft = (needs = 2, now = afterPeriod, texts = composed): BiweeklyReportCommand => ({ type: 'DraftReport', reportId: 'rep1', unitId: 'u1', period, rows: facts(needs), composed: texts, now });
const drafted = (needs = 2, texts = composed, draftedOn: string | null = '2026-11-23'): BiweeklyReportEvent => ({
  type: 'BiweeklyReportDrafted',
  data: { reportId: 'rep1', unitId: 'u1', periodStart: period.start, periodEnd: period.end, rows: facts(needs), texts, draftedOn },
});
const edited: BiweeklyReportEvent = { type: 'BiweeklyReportTextEdited', data: { texts: [{ kind: 'public_need', summary: '路燈與道路坑洞', opinions: '已簽會工務課處理' }], editedOn: '2026-11-23' } };
const hashOf = (version: number, needs: number, texts: ReportRowText[] = composed) => sha256(reportContent('u1', period, { version, rows: facts(needs), texts }));
const approved = (version = 0, needs = 2, texts: ReportRowText[] = composed): BiweeklyReportEvent => ({
  type: 'BiweeklyReportApproved',
  data: { approver: 'agency_head', note: null, onBehalf: null, version, hash: hashOf(version, needs, texts) },
});
const approve = (needs = 2, now = new Date('2026-11-24T02:00:00Z')): BiweeklyReportCommand => ({ type: 'ApproveReport', period, byHead: true, note: null, now, rows: facts(needs) });
const submitted = (version = 0, needs = 2, texts: ReportRowText[] = composed): BiweeklyReportEvent => ({
  type: 'BiweeklyReportSubmitted',
  data: { submittedOn: '2026-11-24', version, hash: hashOf(version, needs, texts), dueOn: version === 0 ? '2026-11-25' : null, late: false, daysLate: version === 0 ? 0 : null },
});
const submit = (at: string, dueOn = '2026-11-25'): BiweeklyReportCommand => ({ type: 'SubmitReport', now: new Date(at), dueOn });

describe('the biweekly report’s life', () => {
  it('is drafted once its period has ended, with its counts and composed texts; the same facts again write nothing', () => {
    given([]).when(draft(2, new Date('2026-11-22T15:59:00Z'))).thenThrows('PERIOD_NOT_ENDED');
    given([]).when(draft()).then([drafted()]);
    given([drafted()]).when(draft()).then([]);
  });

  it('keeps an officer’s rewritten text when the draft is refreshed with new counts', () =>
    given([drafted(), edited])
      .when(draft(3))
      .then([drafted(3, [edited.data.texts[0], composed[1], composed[2]] as ReportRowText[])]));

  it('lets texts be rewritten, never counts, and never a count written into a text', () => {
    given([drafted()]).when({ type: 'EditReport', texts: edited.data.texts, now: afterPeriod }).then([edited]);
    given([drafted()]).when({ type: 'EditReport', texts: [{ kind: 'count', summary: 'x', opinions: 'y' }], now: afterPeriod }).thenThrows('NOT_ALLOWED', 'rows[0].kind');
    for (const summary of ['路燈故障（計9案）', '路燈故障計 2 案', '共計三案']) {
      given([drafted()]).when({ type: 'EditReport', texts: [{ kind: 'public_need', summary, opinions: 'y' }], now: afterPeriod }).thenThrows('COUNT_IN_TEXT', 'rows[0].summary');
    }
    given([drafted()]).when({ type: 'EditReport', texts: [{ kind: 'public_need', summary: '路燈', opinions: '均已處理（計2案）' }], now: afterPeriod }).thenThrows('COUNT_IN_TEXT', 'rows[0].opinions');
    given([drafted(), approved()]).when({ type: 'EditReport', texts: edited.data.texts, now: afterPeriod }).thenThrows('REPORT_LOCKED');
    given([]).when({ type: 'EditReport', texts: edited.data.texts, now: afterPeriod }).thenThrows('REPORT_NOT_DRAFTED');
  });

  it('is approved only once its period has ended, and only as it stands: facts that moved since the draft are stale', () => {
    given([drafted()]).when(approve(2, new Date('2026-11-22T15:59:00Z'))).thenThrows('PERIOD_NOT_ENDED');
    given([]).when(approve(2, new Date('2026-11-22T15:59:00Z'))).thenThrows('PERIOD_NOT_ENDED');
    given([]).when(approve()).thenThrows('REPORT_NOT_DRAFTED');
    given([drafted()]).when(approve()).then([approved()]);
    given([drafted()]).when(approve(3)).thenThrows('REPORT_STALE');
    given([drafted()]).when({ ...approve(), seenHash: hashOf(0, 2) } as BiweeklyReportCommand).then([approved()]);
    given([drafted(), edited]).when({ ...approve(), seenHash: hashOf(0, 2) } as BiweeklyReportCommand).thenThrows('REPORT_STALE');
  });

  it('is approved by the head, or recorded on the head’s behalf only with a paper dated after what it approves', () => {
    const now = new Date('2026-11-25T02:00:00Z');
    const onPaper = { documentNo: '府政字第1150099號', decidedOn: '2026-11-24' };
    given([drafted()])
      .when({ ...approve(2, now), byHead: false, ...onPaper, note: '首長已簽核' } as BiweeklyReportCommand)
      .then([{ type: 'BiweeklyReportApproved', data: { approver: 'supervisor_recording', note: '首長已簽核', onBehalf: onPaper, version: 0, hash: hashOf(0, 2) } }]);
    given([drafted()]).when({ ...approve(2, now), byHead: false } as BiweeklyReportCommand).thenThrows('HEAD_DECISION_NEEDS_DOCUMENT');
    given([drafted()]).when({ ...approve(2, now), byHead: false, ...onPaper, decidedOn: '2026-11-26' } as BiweeklyReportCommand).thenThrows('DECIDED_ON_IN_FUTURE', 'decidedOn');
    // Signed the day before the draft it approves: the head signed something else.
    given([drafted()]).when({ ...approve(2, now), byHead: false, ...onPaper, decidedOn: '2026-11-22' } as BiweeklyReportCommand).thenThrows('DECIDED_BEFORE_REQUEST', 'decidedOn');
    given([drafted(), { ...edited, data: { ...edited.data, editedOn: '2026-11-24' } } as BiweeklyReportEvent]).when({ ...approve(2, now), byHead: false, ...onPaper, decidedOn: '2026-11-23' } as BiweeklyReportCommand).thenThrows('DECIDED_BEFORE_REQUEST', 'decidedOn');
    // A draft recorded before drafts had dates: nothing is approved before the period ended.
    given([drafted(2, composed, null)]).when({ ...approve(2, now), byHead: false, ...onPaper, decidedOn: '2026-11-22' } as BiweeklyReportCommand).thenThrows('DECIDED_BEFORE_REQUEST', 'decidedOn');
  });

  it('is submitted once approved, with the approved hash, and late after its due date by the days past it', () => {
    given([drafted()]).when(submit('2026-11-24T02:00:00Z')).thenThrows('REPORT_NOT_APPROVED');
    given([drafted(), approved()])
      .when(submit('2026-11-25T15:59:00Z'))
      .then([{ type: 'BiweeklyReportSubmitted', data: { submittedOn: '2026-11-25', version: 0, hash: hashOf(0, 2), dueOn: '2026-11-25', late: false, daysLate: 0 } }]);
    given([drafted(), approved()])
      .when(submit('2026-11-27T16:00:00Z'))
      .then([{ type: 'BiweeklyReportSubmitted', data: { submittedOn: '2026-11-28', version: 0, hash: hashOf(0, 2), dueOn: '2026-11-25', late: true, daysLate: 3 } }]);
    given([drafted(), approved(), submitted()]).when(submit('2026-11-26T02:00:00Z')).thenThrows('REPORT_ALREADY_SUBMITTED');
  });

  it('stays as submitted when facts change: they make a correction, which the head approves and which is submitted again', () => {
    const history = [drafted(), approved(), submitted()];
    given(history).when(draft(2)).then([]);
    const correction: BiweeklyReportEvent = {
      type: 'BiweeklyReportAmended',
      data: { version: 1, rows: facts(3), texts: recomposed, changes: [{ kind: 'public_need', before: 2, after: 3, added: ['r2'], removed: [] }], draftedOn: '2026-11-23' },
    };
    given(history).when(draft(3, afterPeriod, recomposed)).then([correction]);
    given([...history, correction]).when(submit('2026-11-26T02:00:00Z')).thenThrows('REPORT_NOT_APPROVED');
    given([...history, correction]).when(approve(2)).thenThrows('REPORT_STALE');
    given([...history, correction]).when(approve(3)).then([approved(1, 3, recomposed)]);
    given([...history, correction, approved(1, 3, recomposed)])
      .when(submit('2026-11-26T02:00:00Z'))
      .then([{ type: 'BiweeklyReportSubmitted', data: { submittedOn: '2026-11-26', version: 1, hash: hashOf(1, 3, recomposed), dueOn: null, late: false, daysLate: null } }]);
    // Once the correction is submitted, another change makes the second correction.
    const secondNeeds: BiweeklyReportEvent = {
      type: 'BiweeklyReportAmended',
      data: { version: 2, rows: facts(4), texts: recomposed, changes: [{ kind: 'public_need', before: 3, after: 4, added: ['r3'], removed: [] }], draftedOn: '2026-11-23' },
    };
    given([...history, correction, approved(1, 3, recomposed), submitted(1, 3, recomposed)]).when(draft(4, afterPeriod, recomposed)).then([secondNeeds]);
  });

  it('refreshes an open correction rather than starting another, and refuses to change an approved one', () => {
    const correction: BiweeklyReportEvent = { type: 'BiweeklyReportAmended', data: { version: 1, rows: facts(3), texts: composed, changes: [{ kind: 'public_need', before: 2, after: 3, added: ['r2'], removed: [] }], draftedOn: '2026-11-23' } };
    const history = [drafted(), approved(), submitted(), correction];
    given(history)
      .when(draft(4))
      .then([{ type: 'BiweeklyReportAmended', data: { version: 1, rows: facts(4), texts: composed, changes: [{ kind: 'public_need', before: 2, after: 4, added: ['r2', 'r3'], removed: [] }], draftedOn: '2026-11-23' } }]);
    given([...history, approved(1, 3)]).when(draft(4)).thenThrows('REPORT_APPROVED');
  });

  it('reads older events as what they meant: counts out of texts, no hash, the original approved and submitted', () => {
    expect(upcastReportEvent('BiweeklyReportDrafted', 1, { texts: [{ kind: 'public_need', summary: '路燈故障（計2案）', opinions: 'x' }] })).toEqual({
      texts: [{ kind: 'public_need', summary: '路燈故障', opinions: 'x' }],
      draftedOn: null,
    });
    expect(upcastReportEvent('BiweeklyReportDrafted', 1, { texts: [{ kind: 'policy_feedback', summary: '無（計0案）', opinions: '無' }] })).toMatchObject({ texts: [{ summary: '無' }] });
    expect(upcastReportEvent('BiweeklyReportApproved', 1, { approver: 'agency_head', note: null })).toEqual({ approver: 'agency_head', note: null, onBehalf: null, version: 0, hash: null });
    expect(upcastReportEvent('BiweeklyReportSubmitted', 1, { submittedOn: '2026-11-24', late: false })).toEqual({ submittedOn: '2026-11-24', late: false, version: 0, hash: null, dueOn: null, daysLate: null });
    expect(upcastReportEvent('BiweeklyReportAmended', 1, { rows: facts(3) })).toEqual({ rows: facts(3), version: 1, texts: null, changes: [], draftedOn: null });
    expect(upcastReportEvent('BiweeklyReportApproved', 4, {})).toBeNull();
    // An amendment of the earlier release opens the first correction with the texts of the original.
    const legacy = [drafted(), approved(), submitted(), { type: 'BiweeklyReportAmended', data: upcastReportEvent('BiweeklyReportAmended', 1, { rows: facts(3) }) } as BiweeklyReportEvent];
    const state = legacy.reduce(decider.evolve, decider.initialState());
    expect(state.versions.map((v) => [v.version, v.status, v.texts])).toEqual([
      [0, 'submitted', composed],
      [1, 'drafted', composed],
    ]);
  });
});
