import { specify } from '../testing/decider-specification';
import { biweeklyReportDecider, type BiweeklyReportCommand, type BiweeklyReportEvent, type ReportRowFacts, type ReportRowText } from './biweekly-report';

const given = specify(biweeklyReportDecider);
const period = { start: '2026-11-09', end: '2026-11-22' };
const facts = (needs: number): ReportRowFacts[] => [
  { kind: 'public_need', count: needs, countsByCategory: { public_facilities: needs }, itemIds: Array.from({ length: needs }, (_, i) => `r${i}`) },
  { kind: 'policy_feedback', count: 0, countsByCategory: {}, itemIds: [] },
  { kind: 'promotion', count: 1, countsByCategory: { leaflets: 1 }, itemIds: ['p1'] },
];
const composed: ReportRowText[] = [
  { kind: 'public_need', summary: '路燈故障（計2案）', opinions: '簽會工務課' },
  { kind: 'policy_feedback', summary: '無（計0案）', opinions: '無' },
  { kind: 'promotion', summary: '發放文宣（計1案）', opinions: '持續宣導' },
];
const draft = (needs = 2): BiweeklyReportCommand => ({ type: 'DraftReport', reportId: 'rep1', unitId: 'u1', period, rows: facts(needs), composed });
const drafted = (needs = 2, texts = composed): BiweeklyReportEvent => ({
  type: 'BiweeklyReportDrafted',
  data: { reportId: 'rep1', unitId: 'u1', periodStart: period.start, periodEnd: period.end, rows: facts(needs), texts },
});
const edited: BiweeklyReportEvent = { type: 'BiweeklyReportTextEdited', data: { texts: [{ kind: 'public_need', summary: '路燈與道路坑洞（計2案）', opinions: '已簽會工務課處理' }] } };
const approved: BiweeklyReportEvent = { type: 'BiweeklyReportApproved', data: { approver: 'agency_head', note: null, onBehalf: null } };
const now = new Date('2026-11-24T02:00:00Z');
const submitted: BiweeklyReportEvent = { type: 'BiweeklyReportSubmitted', data: { submittedOn: '2026-11-24', late: false } };

describe('the biweekly report’s life', () => {
  it('is drafted with its counts and composed texts, and drafting the same facts again writes nothing', () => {
    given([]).when(draft()).then([drafted()]);
    given([drafted()]).when(draft()).then([]);
  });

  it('keeps an officer’s rewritten text when the draft is refreshed with new counts', () =>
    given([drafted(), edited])
      .when(draft(3))
      .then([drafted(3, [edited.data.texts[0], composed[1], composed[2]] as ReportRowText[])]));

  it('lets texts be rewritten, never counts, and only before approval', () => {
    given([drafted()]).when({ type: 'EditReport', texts: edited.data.texts }).then([edited]);
    given([drafted()]).when({ type: 'EditReport', texts: [{ kind: 'count', summary: 'x', opinions: 'y' }] }).thenThrows('NOT_ALLOWED', 'rows[0].kind');
    given([drafted(), approved]).when({ type: 'EditReport', texts: edited.data.texts }).thenThrows('REPORT_LOCKED');
    given([]).when({ type: 'EditReport', texts: edited.data.texts }).thenThrows('REPORT_NOT_DRAFTED');
  });

  it('is approved, then submitted, and flagged late past the allowed days', () => {
    given([drafted()]).when({ type: 'ApproveReport', byHead: true, note: null, now }).then([approved]);
    given([drafted()]).when({ type: 'SubmitReport', now: new Date('2026-11-24T02:00:00Z'), lateAfterDays: 3 }).thenThrows('REPORT_NOT_APPROVED');
    given([drafted(), approved]).when({ type: 'SubmitReport', now: new Date('2026-11-25T15:59:00Z'), lateAfterDays: 3 }).then([{ type: 'BiweeklyReportSubmitted', data: { submittedOn: '2026-11-25', late: false } }]);
    given([drafted(), approved]).when({ type: 'SubmitReport', now: new Date('2026-11-25T16:00:00Z'), lateAfterDays: 3 }).then([{ type: 'BiweeklyReportSubmitted', data: { submittedOn: '2026-11-26', late: true } }]);
    given([drafted(), approved, submitted]).when({ type: 'SubmitReport', now: new Date('2026-11-26T02:00:00Z'), lateAfterDays: 3 }).thenThrows('REPORT_ALREADY_SUBMITTED');
  });

  it('is approved by the head, or recorded on the head’s behalf only with the signed document', () => {
    const onPaper = { documentNo: '府政字第1150099號', decidedOn: '2026-11-23' };
    given([drafted()])
      .when({ type: 'ApproveReport', byHead: false, ...onPaper, note: '首長已簽核', now })
      .then([{ type: 'BiweeklyReportApproved', data: { approver: 'supervisor_recording', note: '首長已簽核', onBehalf: onPaper } }]);
    given([drafted()]).when({ type: 'ApproveReport', byHead: false, now }).thenThrows('HEAD_DECISION_NEEDS_DOCUMENT');
    given([drafted()]).when({ type: 'ApproveReport', byHead: false, documentNo: '府政字第1150099號', now }).thenThrows('HEAD_DECISION_NEEDS_DOCUMENT');
    given([drafted()]).when({ type: 'ApproveReport', byHead: false, ...onPaper, decidedOn: '2026-11-25', now }).thenThrows('DECIDED_ON_IN_FUTURE', 'decidedOn');
  });

  it('is submitted only after its period has ended', () => {
    given([drafted(), approved]).when({ type: 'SubmitReport', now: new Date('2026-11-22T15:59:00Z'), lateAfterDays: 3 }).thenThrows('PERIOD_NOT_ENDED');
    given([drafted(), approved]).when({ type: 'SubmitReport', now: new Date('2026-11-22T16:00:00Z'), lateAfterDays: 3 }).then([{ type: 'BiweeklyReportSubmitted', data: { submittedOn: '2026-11-23', late: false } }]);
  });

  it('is frozen once submitted: later facts become an amendment, not a silent change', () => {
    given([drafted(), approved, submitted]).when(draft(3)).then([{ type: 'BiweeklyReportAmended', data: { rows: facts(3) } }]);
    given([drafted(), approved, submitted]).when(draft(2)).then([]);
    given([drafted(), approved]).when(draft(3)).thenThrows('REPORT_APPROVED');
  });
});
