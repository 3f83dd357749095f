import { binary } from '../support/odt-text';
import { ADMIN, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';
import { randomUUID } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { generatedWorkRecords } from '../../bench/work-records';
import { HEADERS, recordRow, workRecordFile, type FixtureCell } from '../support/work-record-files';

type RowReport = { row: number; outcome: string; reflectionId: string | null; problems: { column: string | null; code: string; message: string }[]; notes: { column: string; message: string }[]; duplicateOf?: number };

/**
 * A unit's past work records brought in (匯入) from ODS, XLSX and CSV: each row checked and refused with its reason,
 * recorded once however often the records come in, shown as 匯入 with its history, and no report changed.
 */
describe('importing past work records', () => {
  let t: TestApp;
  let admin: string;
  let unit: UnitUsers;
  let last = '0';

  // Rows 3–8 each write 3/4 another way; row 9 has a bad date, row 10 no nature, row 11 repeats row 3.
  const rows: FixtureCell[][] = [
    recordRow({ 受理日期: '115/3/4', 反映者姓名: '林美華', 聯絡電話: '04-2222-3333', 性質: '民情需求', '需求/反映等內容概述': '社區路燈損壞，夜間行走危險', 處理意見: '函請工務課查修', 紀錄人: '陳政風', 地點: '東湖里活動中心', 村里: '臺中市大里區東湖里', 辦理情形: '工務課已於3月10日修復', 結案日期: '115/3/20' }),
    recordRow({ 受理日期: '115.03.04', 性質: '施政興革', 類別: '施政意見', '需求/反映等內容概述': '建議增設公車路線', 村里: '東湖里', 辦理情形: '已轉交通局研議', 結案日期: '1150410' }),
    recordRow({ 受理日期: '1150304', 性質: '民情需求事項', 類別: '公共設施', '需求/反映等內容概述': '公園溜滑梯破損', 村里: '大里區東湖里' }),
    recordRow({ 受理日期: '民國115年3月4日', 性質: 'public_need', '需求/反映等內容概述': '垃圾車收運時間太早', 辦理情形: '已協調清潔隊', 結案日期: '民國115年3月9日' }),
    recordRow({ 受理日期: '2026-03-04', 性質: '施政興革反映', '需求/反映等內容概述': '里民活動中心開放時間', 辦理情形: '已調整', 結案日期: '2026-03-31' }),
    recordRow({ 受理日期: { date: '2026-03-04' }, 性質: '民情需求', '需求/反映等內容概述': '排水溝蓋鬆動', 聯絡電話: '0912345678', 辦理情形: '已修復', 結案日期: { date: '2026-03-06' } }),
    recordRow({ 受理日期: '115/2/30', 性質: '民情需求', '需求/反映等內容概述': '日期有誤的一列' }),
    recordRow({ 受理日期: '115/3/5', '需求/反映等內容概述': '性質漏填的一列' }),
    recordRow({ 受理日期: '115/3/4', 反映者姓名: '林美華', 聯絡電話: '04-2222-3333', 性質: '民情需求', '需求/反映等內容概述': '社區路燈損壞，夜間行走危險', 處理意見: '函請工務課查修', 紀錄人: '陳政風', 地點: '東湖里活動中心', 村里: '臺中市大里區東湖里', 辦理情形: '工務課已於3月10日修復', 結案日期: '115/3/20' }),
  ];

  const send = async (file: Buffer, name: string, query: string, status = 200) => {
    const response = await t.http().post(`/api/v1/imports/records?${query}`).set(bearer(unit.tokens.supervisor)).set('Accept-Language', 'zh-TW').attach('file', file, name);
    if (response.status !== status) throw new Error(`${response.status} ${JSON.stringify(response.body).slice(0, 600)}`);
    return response.body;
  };
  const list = async () => (await t.http().get('/api/v1/reflections?limit=100').set(bearer(unit.tokens.officer)).set('X-Min-Position', last).expect(200)).body.items;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'IMP');
  });
  afterAll(() => t.close());

  it.each(['ods', 'xlsx', 'csv'] as const)('checks every row of a %s file: each date form read, each refused row named with its column and reason, the repeat found', async (format) => {
    const report = await send(workRecordFile(rows, format, '村里廉政平臺工作紀錄表'), `records.${format}`, 'dryRun=true');
    expect(report).toMatchObject({ dryRun: true, refusedFile: true, file: { sheet: format === 'csv' ? 'CSV' : '工作紀錄表', rows: 9 }, importBefore: '2026-11-23' });
    const byRow = new Map<number, RowReport>(report.rows.map((r: RowReport) => [r.row, r]));
    // The title is row 1 and the headers row 2: the rows are numbered as the spreadsheet shows them.
    for (const row of [3, 4, 5, 6, 7, 8]) expect([row, byRow.get(row)?.outcome, report.rows[row - 3].receivedOn]).toEqual([row, 'to_import', '2026-03-04']);
    expect(report.rows.slice(0, 6).map((r: { closedOn: string | null }) => r.closedOn)).toEqual(['2026-03-20', '2026-04-10', null, '2026-03-09', '2026-03-31', '2026-03-06']);
    expect(report.rows.slice(0, 3).map((r: { category: string }) => r.category)).toEqual(['unclassified', 'policy_opinion', 'public_facilities']);
    expect(byRow.get(3)).toMatchObject({ village: '臺中市大里區東湖里', notes: [] });
    expect(byRow.get(4)?.notes).toEqual([{ column: '村里', message: expect.stringMatching(/^第4列「村里」：「東湖里」在村里名冊中有\d+個可能的村里/) }]);
    expect(byRow.get(9)).toMatchObject({ outcome: 'refused', problems: [{ column: '受理日期', code: 'INVALID_DATE', message: '第9列「受理日期」：受理日期不是有效的日期。' }] });
    expect(byRow.get(10)).toMatchObject({ outcome: 'refused', problems: [{ column: '性質', code: 'REQUIRED', message: '第10列「性質」：性質為必填。' }] });
    expect(byRow.get(11)).toMatchObject({ outcome: 'duplicate', duplicateOf: 3, reflectionId: byRow.get(3)?.reflectionId, problems: [{ column: null, code: 'DUPLICATE_RECORD_ROW', message: '第11列：與第3列為同一案件，不重複匯入。' }] });
    expect(report.counts).toEqual({ to_import: 6, imported: 0, already_imported: 0, duplicate: 1, refused: 2 });
    expect(JSON.stringify(report)).not.toMatch(/林美華|2222/);
  });

  it('records nothing from a file with refused rows unless asked to import the valid rows only; then never the same case twice', async () => {
    const refused = await send(workRecordFile(rows, 'ods'), 'records.ods', 'dryRun=false', 422);
    expect(refused).toMatchObject({ error: 'IMPORT_HAS_REFUSED_ROWS', message: expect.stringContaining('全部未匯入'), details: { refusedFile: true, counts: { refused: 2 } } });
    expect(await list()).toEqual([]);

    const imported = await send(workRecordFile(rows, 'ods'), 'records.ods', 'dryRun=false&validRowsOnly=true');
    expect(imported.counts).toEqual({ to_import: 0, imported: 6, already_imported: 0, duplicate: 1, refused: 2 });
    last = imported.position;

    // The same file again, and the same records as XLSX: every case is already there.
    for (const format of ['ods', 'xlsx'] as const) {
      const again = await send(workRecordFile(rows, format), `records.${format}`, 'dryRun=false&validRowsOnly=true');
      expect(again.counts).toEqual({ to_import: 0, imported: 0, already_imported: 6, duplicate: 1, refused: 2 });
      expect(again.position).toBeNull();
    }
    const cases = await list();
    expect(cases).toHaveLength(6);
  });

  it('shows each imported case as 匯入 with its history: closed with its 辦理情形 on the row’s day, or open and owing the citizen a reply; counted on the dashboard under its nature', async () => {
    const cases = await list();
    expect(cases.every((c: { imported: boolean }) => c.imported)).toBe(true);
    const lamp = cases.find((c: { summary: string }) => c.summary === '社區路燈損壞，夜間行走危險');
    const view = (await t.http().get(`/api/v1/reflections/${lamp.id}`).set(bearer(unit.tokens.supervisor)).set('X-Min-Position', last).expect(200)).body;
    expect(view).toMatchObject({
      status: 'closed',
      category: 'unclassified',
      county: '臺中市',
      township: '大里區',
      village: '東湖里',
      closings: [{ outcome: '工務課已於3月10日修復', closedOn: '2026-03-20' }],
      handlingOpinions: [{ opinion: '函請工務課查修', recordedOn: '2026-03-04' }],
      imported: { sheet: '工作紀錄表', row: 2, location: '東湖里活動中心', recordedByAsWritten: '陳政風', villageAsWritten: null },
      reporter: { name: '林美華', phone: '04-2222-3333' },
      openObligations: 0,
    });
    expect(view.caseNo).toMatch(/^115-\d{4}$/);
    const history = (await t.http().get(`/api/v1/reflections/${lamp.id}/history`).set(bearer(unit.tokens.supervisor)).expect(200)).body.events;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['ReflectionImported']);
    expect(history[0].data).toMatchObject({ source: { sheet: '工作紀錄表', row: 2 }, reporter: { name: '林美華' } });

    const playground = cases.find((c: { summary: string }) => c.summary === '公園溜滑梯破損');
    expect(playground).toMatchObject({ status: 'received', village: '東湖里', openObligations: 1, overdue: true });
    const map = (await t.http().get('/api/v1/dashboard/places?level=village').set(bearer(unit.tokens.supervisor)).set('X-Min-Position', last).expect(200)).body;
    expect(JSON.stringify(map)).toContain('東湖里');
    const dashboard = (await t.http().get('/api/v1/dashboard').set(bearer(unit.tokens.supervisor)).set('X-Min-Position', last).expect(200)).body;
    expect(dashboard).toMatchObject({ total: 6, byNature: { public_need: 4, policy_feedback: 2 }, byCategory: { unclassified: 4, policy_opinion: 1, public_facilities: 1 } });

    // The same matter in the unit's past records twice: a hotspot among its own cases.
    const matter = await send(
      workRecordFile(
        [
          recordRow({ 受理日期: '115/5/4', 性質: '民情需求', '需求/反映等內容概述': '大里溪河道疏濬工程延宕，雨季恐淹水', 村里: '臺中市大里區東湖里' }),
          recordRow({ 受理日期: '115/5/18', 性質: '民情需求', '需求/反映等內容概述': '大里溪疏濬工程延宕多時，雨季將至恐淹水', 村里: '臺中市大里區東湖里' }),
        ],
        'csv',
      ),
      'matter.csv',
      'dryRun=false',
    );
    const hotspots = (await t.http().get('/api/v1/hotspots?months=12').set(bearer(unit.tokens.officer)).set('X-Min-Position', matter.position).expect(200)).body.items;
    expect(hotspots.map((h: { town: string; reflectionIds: string[] }) => [h.town, h.reflectionIds.length])).toEqual([['臺中市大里區', 2]]);
  });

  it('changes no report a unit owes or sent: cases from its reporting periods are refused, and a submitted report stays as the head signed it', async () => {
    const started = await unitWithUsers(t, admin, 'IMS');
    await t.http().put(`/api/v1/units/${started.unitId}/active-from`).set(bearer(admin)).send({ activeFrom: '2026-11-01' }).expect(200);
    const period = '2026-10-26';
    const base = `/api/v1/reports/biweekly/${period}`;
    let position = (await t.http().post('/api/v1/reflections').set(bearer(started.tokens.officer)).send({ nature: 'public_need', category: 'public_facilities', summary: '期間內的案件', receivedOn: '2026-10-28' }).expect(201)).body.position;
    const report = async () => (await t.http().get(`/api/v1/reports/biweekly?periodStart=${period}`).set(bearer(started.tokens.head)).set('X-Min-Position', position).expect(200)).body;
    position = (await t.http().post(`${base}/draft`).set(bearer(started.tokens.officer)).set('X-Min-Position', position).send({}).expect(200)).body.position;
    position = (await t.http().post(`${base}/approve`).set(bearer(started.tokens.head)).set('X-Min-Position', position).send({ hash: (await report()).current.hash }).expect(200)).body.position;
    position = (await t.http().post(`${base}/submit`).set(bearer(started.tokens.officer)).set('X-Min-Position', position).send({}).expect(200)).body.position;
    const submitted = await report();

    const file = workRecordFile(
      [
        recordRow({ 受理日期: '115/10/27', 性質: '民情需求', '需求/反映等內容概述': '統計期間內受理的紙本紀錄' }),
        recordRow({ 受理日期: '115/10/25', 性質: '民情需求', '需求/反映等內容概述': '開始使用前一日的紙本紀錄', 辦理情形: '已處理', 結案日期: '115/10/30' }),
      ],
      'csv',
    );
    const answer = await t.http().post('/api/v1/imports/records?dryRun=false&validRowsOnly=true').set(bearer(started.tokens.supervisor)).set('Accept-Language', 'zh-TW').attach('file', file, 'records.csv').expect(200);
    expect(answer.body.importBefore).toBe('2026-10-26');
    expect(answer.body.rows[0]).toMatchObject({ outcome: 'refused', problems: [{ column: '受理日期', code: 'IMPORT_NOT_BEFORE_START', message: expect.stringContaining('請直接登錄此案') }] });
    expect(answer.body.counts.imported).toBe(1);
    position = answer.body.position;
    const after = await report();
    // The audit checkpoint's receipt joins the submission when the log is next sealed; all the head signed stays.
    const signed = ({ submission: { auditReceipt: _receipt, ...submission }, ...version }: { submission: { auditReceipt: unknown } }) => ({ ...version, submission });
    expect(signed(after.current)).toEqual(signed(submitted.current));
    expect(after.rows).toEqual(submitted.rows);
    expect((await t.http().get('/api/v1/reports/corrections').set(bearer(started.tokens.officer)).set('X-Min-Position', position).expect(200)).body.items).toEqual([]);
  });

  it('refuses what is not a work-record sheet, and whoever may not import', async () => {
    const refused = async (file: Buffer, name: string, token: string, query = 'dryRun=true') =>
      (await t.http().post(`/api/v1/imports/records?${query}`).set(bearer(token)).set('Accept-Language', 'zh-TW').attach('file', file, name)).body;
    expect(await refused(Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'records.csv', unit.tokens.supervisor)).toMatchObject({ error: 'IMPORT_FILE_UNREADABLE', details: [{ field: 'file' }] });
    const noSummary = Buffer.from('受理日期,性質\n115/3/4,民情需求\n', 'utf8');
    expect(await refused(noSummary, 'records.csv', unit.tokens.supervisor)).toMatchObject({ error: 'IMPORT_COLUMNS_MISSING', message: expect.stringContaining('「需求/反映等內容概述」') });
    // A ZIP bomb is refused from its directory, before anything is unpacked; a file of too many rows, whole.
    const bomb = new JSZip();
    bomb.file('xl/worksheets/sheet1.xml', Buffer.alloc(201 * 1024 * 1024, 0x20));
    const bombFile = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bombFile.length).toBeLessThan(1024 * 1024);
    expect(await refused(bombFile, 'bomb.xlsx', unit.tokens.supervisor)).toMatchObject({ error: 'IMPORT_FILE_TOO_LARGE', message: expect.stringContaining('200 MB') });
    const many = Buffer.from(`受理日期,性質,需求/反映等內容概述\n${'115/3/4,民情需求,路燈\n'.repeat(100_001)}`, 'utf8');
    expect(await refused(many, 'many.csv', unit.tokens.supervisor)).toMatchObject({ error: 'IMPORT_TOO_MANY_ROWS', message: '一個檔案最多100,000列，請分成數個檔案匯入。' });
    const good = workRecordFile(rows.slice(0, 1), 'csv');
    expect((await t.http().post('/api/v1/imports/records').set(bearer(unit.tokens.officer)).attach('file', good, 'r.csv')).status).toBe(403);
    expect((await t.http().post(`/api/v1/imports/records?unitId=${unit.unitId}`).set(bearer(admin)).attach('file', good, 'r.csv').expect(200)).body.counts).toMatchObject({ already_imported: 1 });
    expect((await t.http().post('/api/v1/imports/records').set(bearer(admin)).attach('file', good, 'r.csv').expect(400)).body.details[0].field).toBe('unitId');
    expect((await t.http().post('/api/v1/imports/records').set(bearer(unit.tokens.supervisor)).expect(400)).body.details[0].field).toBe('file');
    expect((await t.http().post('/api/v1/imports/records?dryRun=maybe').set(bearer(unit.tokens.supervisor)).attach('file', good, 'r.csv').expect(400)).body.details[0].field).toBe('dryRun');
    const template = await t.http().get('/api/v1/imports/records/template.ods').set(bearer(unit.tokens.supervisor)).buffer(true).parse(binary).expect(200);
    // The template, filled in, is what the import reads.
    const sheet = XLSX.read(template.body as Buffer, { type: 'buffer' });
    expect(XLSX.utils.sheet_to_json(sheet.Sheets[sheet.SheetNames[0]], { header: 1 })[0]).toEqual([...HEADERS]);
  });

  it('checks and imports 20,000 generated rows, and imports none of them twice', async () => {
    const big = await unitWithUsers(t, admin, 'IMB');
    const count = 20_000;
    const file = generatedWorkRecords(count);
    const send = async (dryRun: boolean) =>
      (await t.http().post(`/api/v1/imports/records?dryRun=${dryRun}`).set(bearer(big.tokens.supervisor)).attach('file', file, 'big.xlsx').expect(200)).body;
    // How far a check is, asked while it runs, by the id it was sent with; nobody else may ask.
    const progressId = randomUUID();
    const progressOf = async (token: string) => t.http().get(`/api/v1/imports/records/progress/${progressId}`).set(bearer(token));
    const running = t.http().post('/api/v1/imports/records?dryRun=true').set(bearer(big.tokens.supervisor)).set('X-Import-Progress', progressId).attach('file', file, 'big.xlsx').then((r) => r);
    const seen: number[] = [];
    for (let finished = false; !finished; ) {
      const answer = await progressOf(big.tokens.supervisor);
      if (answer.status === 200) {
        seen.push(answer.body.done);
        finished = answer.body.stage === 'done';
        expect(answer.body.total).toBe(count);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await running).status).toBe(200);
    expect(seen.some((done) => done > 0 && done < count)).toBe(true);
    expect((await progressOf(unit.tokens.supervisor)).status).toBe(404);
    expect((await t.http().post('/api/v1/imports/records').set(bearer(big.tokens.supervisor)).set('X-Import-Progress', 'not-a-uuid').attach('file', file, 'big.xlsx').expect(400)).body.details[0].field).toBe('X-Import-Progress');
    expect((await send(true)).counts).toMatchObject({ to_import: count, imported: 0, already_imported: 0, duplicate: 0, refused: 0 });
    const imported = await send(false);
    expect(imported.counts).toEqual({ to_import: 0, imported: count, already_imported: 0, duplicate: 0, refused: 0 });
    const again = await send(true);
    expect(again.counts).toEqual({ to_import: 0, imported: 0, already_imported: count, duplicate: 0, refused: 0 });
    const dashboard = (await t.http().get('/api/v1/dashboard').set(bearer(big.tokens.supervisor)).set('X-Min-Position', imported.position).expect(200)).body;
    expect(dashboard.total).toBe(count);
  }, 600_000);
});
