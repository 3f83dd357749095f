import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { ActiveReadModels, READ_MODEL_STORE, type ReadModelStore } from '@integrity/read-models';
import { BiweeklyCycle } from '../../apps/worker/src/follow-up/biweekly-cycle';
import { rebuildReadModels } from '../../apps/worker/src/projector/rebuild-read-models';
import { until } from '../support/polling';
import { binary, odtText } from '../support/odt-text';
import { pdfTextOf } from '../support/pdf-text-of';
import { aacAuditor, ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

const PERIOD = '2026-11-09'; // 2026-11-09 .. 2026-11-22

describe('the biweekly results report over HTTP', () => {
  let t: TestApp;
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
  const report = async (token = unit.tokens.officer, query = `periodStart=${PERIOD}`) =>
    (await t.http().get(`/api/v1/reports/biweekly?${query}`).set(bearer(token)).set('X-Min-Position', last).expect(200)).body;
  const at = (instant: string) => t.clock.set(instant);

  beforeAll(async () => {
    t = await startTestApp();
    at('2026-11-01T02:00:00Z');
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'TYN');
    other = await unitWithUsers(t, admin, 'CYI');
    auditor = await aacAuditor(t, admin, 'aac.reports');

    at('2026-11-08T15:59:00Z'); // 23:59 on 11/8 in Taipei: the day before the period
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-08', summary: '期間前一日' }, unit.tokens.officer, 201);
    at('2026-11-08T16:00:00Z'); // 00:00 on 11/9 in Taipei, still 11/8 in UTC: the first day
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-09', summary: '期間首日' }, unit.tokens.officer, 201);
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

  it('counts exactly the items of the period, on both sides of every boundary', async () => {
    const view = await report();
    expect(view).toMatchObject({ title: 'TYN政風室115年11月辦理村里廉政平臺工作成果彙報表', rocPeriod: '115年11月9-22日', status: 'not_drafted' });
    expect(view.rows.map((r: { kind: string; title: string; count: number }) => [r.kind, r.title, r.count])).toEqual([
      ['public_need', '民情需求事項', 1],
      ['policy_feedback', '施政興革反映', 1],
      ['promotion', '反貪倡廉宣導', 1],
    ]);
    expect(view.rows[0].items.map((i: { summary: string }) => i.summary)).toEqual(['期間首日']);
    expect(view.rows[0].summary).toBe('期間首日（計1案）');
    expect(view.rows[1]).toMatchObject({ countsByCategory: { policy_opinion: 1 }, opinions: '陳報首長參考' });
    expect(view.rows[2]).toMatchObject({ countsByCategory: { leaflets: 1 }, summary: '發放廉政文宣（數量120）（計1案）' });
    const next = await report(unit.tokens.officer, 'periodStart=2026-11-23');
    expect(next.rows.map((r: { count: number }) => r.count)).toEqual([1, 0, 1]);
    expect((await t.http().get('/api/v1/reports/biweekly?periodStart=2026-11-10').set(bearer(unit.tokens.officer)).expect(400)).body.error).toBe('NOT_A_PERIOD_START');
  });

  it('is drafted, its texts edited (never its counts), approved by the head and submitted; edited text survives a rebuild', async () => {
    const drafted = (await post(`/api/v1/reports/biweekly/${PERIOD}/draft`, {})).body;
    expect(drafted).toEqual({ id: expect.any(String), revision: 0, position: expect.any(String) });
    expect((await post(`/api/v1/reports/biweekly/${PERIOD}/draft`, {})).body.revision).toBe(0);

    const countEdit = await t.http().post(`/api/v1/reports/biweekly/${PERIOD}/edit`).set(bearer(unit.tokens.officer)).send({ rows: [{ kind: 'public_need', summary: 'x', opinions: 'y', count: 9 }] }).expect(400);
    expect(countEdit.body.details[0].field).toBe('rows.0.count');
    await post(`/api/v1/reports/biweekly/${PERIOD}/edit`, { rows: [{ kind: 'public_need', summary: '民眾反映路燈故障（計1案）', opinions: '已簽會工務課' }] });
    expect((await report()).rows[0]).toMatchObject({ summary: '民眾反映路燈故障（計1案）', opinions: '已簽會工務課', count: 1 });

    const events = t.app.get<EventStore>(EVENT_STORE);
    const store = t.app.get<ReadModelStore>(READ_MODEL_STORE);
    await rebuildReadModels(events, store, null, () => t.clock.now());
    t.app.get(ActiveReadModels).refresh();
    expect((await report()).rows[0].summary).toBe('民眾反映路燈故障（計1案）');

    await post(`/api/v1/reports/biweekly/${PERIOD}/submit`, {}, unit.tokens.officer, 409);
    await post(`/api/v1/reports/biweekly/${PERIOD}/approve`, {}, unit.tokens.officer, 403);
    await post(`/api/v1/reports/biweekly/${PERIOD}/approve`, { note: '核可' }, unit.tokens.head);
    expect((await t.http().post(`/api/v1/reports/biweekly/${PERIOD}/edit`).set(bearer(unit.tokens.officer)).send({ rows: [{ kind: 'promotion', summary: 'x', opinions: 'y' }] }).expect(409)).body.error).toBe('REPORT_LOCKED');
    await post(`/api/v1/reports/biweekly/${PERIOD}/submit`, {});
    expect((await report()).report).toMatchObject({ approver: 'agency_head', submittedOn: '2026-11-24', late: false });
    // The worker records a checkpoint covering the submission: its root is the AAC's receipt, on the report.
    await until(async () => (await report()).report.auditReceipt !== null, 'the submission to be covered by an audit checkpoint');
    const { auditReceipt } = (await report()).report;
    const latest = (await t.http().get('/api/v1/audit/checkpoints/latest').set(bearer(unit.tokens.supervisor)).expect(200)).body.checkpoint;
    expect(latest).toMatchObject({ reason: 'report_submitted', root: auditReceipt.root, position: auditReceipt.position, reportIds: [(await report()).report.id] });
    expect(auditReceipt.root).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows the AAC every unit for the period, submitted or not, on time or late', async () => {
    at('2026-11-27T02:00:00Z');
    const { items } = (await t.http().get(`/api/v1/reports/submissions?periodStart=${PERIOD}`).set(bearer(auditor)).set('X-Min-Position', last).expect(200)).body;
    expect(items).toEqual(
      expect.arrayContaining([
        { unitId: unit.unitId, unitName: 'TYN政風室', status: 'submitted', submittedOn: '2026-11-24', late: false, approver: 'agency_head', approvedOnBehalf: null },
        { unitId: other.unitId, unitName: 'CYI政風室', status: 'not_drafted', submittedOn: null, late: true, approver: null, approvedOnBehalf: null },
      ]),
    );
    await t.http().get(`/api/v1/reports/submissions?periodStart=${PERIOD}`).set(bearer(unit.tokens.officer)).expect(403);
    expect((await report(auditor, `periodStart=${PERIOD}&unitId=${unit.unitId}`)).status).toBe('submitted');
  });

  it('keeps a submitted report frozen: a late fact about its period is an amendment', async () => {
    at('2026-11-25T02:00:00Z');
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-20', summary: '補登之案件' }, unit.tokens.officer, 201);
    await post(`/api/v1/reports/biweekly/${PERIOD}/draft`, {});
    const view = await report();
    expect(view.rows[0].count).toBe(1);
    expect(view.amendments).toHaveLength(1);
    expect(view.amendments[0].rows[0]).toMatchObject({ kind: 'public_need', count: 2 });
  });

  it('answers the report as it stood on any date: before it was drafted, as submitted before the amendment, and now', async () => {
    const asOf = async (when: string) => report(unit.tokens.officer, `periodStart=${PERIOD}&asOf=${encodeURIComponent(when)}`);
    const before = await asOf('2026-11-24T01:59:59Z');
    expect([before.status, before.report, before.asOf]).toEqual(['not_drafted', null, '2026-11-24T01:59:59.000Z']);
    const submitted = await asOf('2026-11-24');
    expect([submitted.status, submitted.report.submittedOn, submitted.amendments, submitted.rows[0].count, submitted.asOf]).toEqual(['submitted', '2026-11-24', [], 1, '2026-11-24T15:59:59.999Z']);
    expect(submitted.rows[0].summary).toBe('民眾反映路燈故障（計1案）');
    expect((await asOf('2026-11-25T02:00:00+00:00')).amendments).toHaveLength(1);
    expect((await report()).amendments).toHaveLength(1);
    const exported = await odtText((await t.http().get(`/api/v1/reports/biweekly/${PERIOD}/export?format=odt&asOf=2026-11-24`).set(bearer(unit.tokens.officer)).buffer(true).parse(binary).expect(200)).body);
    expect(exported).toContain('辦理情形：已報送（報送日期：115年11月24日）');
    expect(exported).not.toContain('更正1');
    const refused = await t.http().get(`/api/v1/reports/biweekly?periodStart=${PERIOD}&asOf=2026-02-30`).set(bearer(unit.tokens.officer)).set('Accept-Language', 'zh-TW').expect(400);
    expect(refused.body).toMatchObject({ error: 'INVALID_AS_OF', details: [{ field: 'asOf', reason: '查詢時點不是存在的日期或時間。' }] });
    const malformed = await t.http().get(`/api/v1/reports/biweekly?periodStart=${PERIOD}&asOf=yesterday`).set(bearer(unit.tokens.officer)).expect(400);
    expect(malformed.body.details[0].field).toBe('asOf');
  });

  it('drafts every unit’s report when its period ends, missed periods included, never twice', async () => {
    const cycle = t.app.get(BiweeklyCycle);
    at('2026-12-08T02:00:00Z');
    const drafted = await cycle.draftEndedPeriods();
    // Units created 11/1: periods 10/26-11/8 and 11/23-12/6 for both, 11/9-11/22 for the other unit only.
    expect(drafted).toBe(5);
    await t.http().get(`/api/v1/health?minPosition=${(await t.app.get<EventStore>(EVENT_STORE).headPosition())}`).expect(200);
    expect(await cycle.draftEndedPeriods()).toBe(0);
    const otherReport = await report(other.tokens.officer, 'periodStart=2026-11-23');
    expect(otherReport.status).toBe('drafted');
  });

  it('exports the items as CSV in Chinese for spreadsheets: unit and period first, ROC dates, the plan’s words, the handling opinions', async () => {
    const csv = await t.http().get(`/api/v1/reports/biweekly/${PERIOD}/export?format=csv`).set(bearer(unit.tokens.officer)).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['\uFEFF填報機關：TYN政風室', '資料統計期間：115年11月9-22日', '項次,實施方式,日期,類別,內容摘要,處理意見,案件編號']);
    expect(csv.text).toContain('1,民情需求事項,115年11月9日,公共設施欠缺或設置管理不當，影響民眾權益之情,期間首日,簽會工務課處理,');
    expect(csv.text).toContain('2,施政興革反映,115年11月22日,民眾對機關各項施政作為之意見,期間末日,陳報首長參考,');
    expect(csv.text).toContain('3,反貪倡廉宣導,115年11月22日,發放張貼廉政宣導文宣,發放廉政文宣（數量120）,,');
    expect(csv.text).not.toMatch(/public_facilities|leaflets|2026-11/);
    const docx = await t.http().get(`/api/v1/reports/biweekly/${PERIOD}/export?format=docx`).set(bearer(unit.tokens.officer));
    expect([docx.status, docx.text]).toEqual([400, expect.stringContaining('format')]);
  });

  const download = (path: string, token = unit.tokens.officer) =>
    t.http().get(path).set(bearer(token)).buffer(true).parse(binary);

  const pdfText = (bytes: Buffer) => pdfTextOf(bytes, t.dataDir);

  it('renders Attachment 2 as ODT and PDF that independent readers can read', async () => {
    const odt = await download(`/api/v1/reports/biweekly/${PERIOD}/export?format=odt`).expect(200);
    expect(odt.headers['content-type']).toBe('application/vnd.oasis.opendocument.text');
    const pdf = await download(`/api/v1/reports/biweekly/${PERIOD}/export?format=pdf`).expect(200);
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="biweekly-report-${PERIOD}.pdf"`);
    expect(pdf.body.toString('latin1')).toMatch(/\/FontFile2/); // the font travels inside the PDF
    expect(pdf.body.toString('latin1')).toMatch(/NotoSansTC/);
    for (const text of [await odtText(odt.body), (await pdfText(pdf.body)).replace(/\s+/g, '')]) {
      expect(text).toContain('TYN政風室115年11月辦理村里廉政平臺工作成果彙報表');
      expect(text).toContain('115年11月9-22日');
      for (const title of ['民情需求事項', '施政興革反映', '反貪倡廉宣導']) expect(text).toContain(title);
      expect(text).toContain('計1案');
      expect(text).toContain('辦理情形：已報送（報送日期：115年11月24日）');
      expect(text).toMatch(/更正1（115年11月2\d日）：/);
      expect(text).toMatch(/稽核存證：115年11月\d+日紀錄雜湊根\s?[0-9a-f]{64}/);
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
