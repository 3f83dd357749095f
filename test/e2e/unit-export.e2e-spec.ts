import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { runCli } from '../support/cli';
import { sofficeRows } from '../support/soffice';
import { tempDir } from '../support/temp-dir';
import { binary } from '../support/odt-text';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';
import { recordRow, workRecordFile } from '../support/work-record-files';

/** Everything of a unit taken out: a ZIP of open formats that verifies offline, and a spreadsheet LibreOffice reads. */
describe('exporting a unit', () => {
  let t: TestApp;
  let admin: string;
  let unit: UnitUsers;
  let other: UnitUsers;
  let last = '0';
  const out = tempDir('unit-export');
  let stopped = false;
  afterAll(async () => {
    if (!stopped) await t.app.close();
    rmSync(t.dataDir, { recursive: true, force: true });
    out.remove();
  });

  const post = async (path: string, body: object, token: string, status = 200) => {
    const response = await t.http().post(path).set(bearer(token)).set('X-Min-Position', last).send(body);
    if (response.status !== status) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    if (response.body.position) last = response.body.position;
    return response.body;
  };
  const download = async (token: string, unitId = unit.unitId, status = 200) => {
    const response = await t.http().get(`/api/v1/units/${unitId}/export`).set(bearer(token)).set('X-Min-Position', last).buffer(true).parse(binary);
    expect(response.status).toBe(status);
    return response;
  };
  const unzip = async (zip: Buffer, dir: string) => {
    const archive = await JSZip.loadAsync(zip);
    for (const [path, entry] of Object.entries(archive.files)) {
      if (entry.dir) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), await entry.async('nodebuffer'));
    }
    return Object.keys(archive.files).filter((p) => !archive.files[p].dir).sort();
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.set('2026-11-01T02:00:00Z');
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'EXP');
    other = await unitWithUsers(t, admin, 'OTH');
    t.clock.set('2026-11-03T02:00:00Z');
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-03', summary: '路燈不亮' }, unit.tokens.officer, 201);
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-03', reporter: null, summary: '=HYPERLINK("http://evil.example","按此")' }, unit.tokens.officer, 201);
    await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-03', summary: '他單位的案件' }, other.tokens.officer, 201);
    const site = await post('/api/v1/sites', { type: 'village_office', name: '東湖里辦公處', villageCode: '66000280001' }, unit.tokens.officer, 201);
    await post('/api/v1/plans', { title: '115年度細部實施計畫', validFrom: '2026-11-01', validTo: '2027-10-31', sites: [{ siteId: site.id, visitEveryDays: 30 }] }, unit.tokens.officer, 201);
    t.clock.set('2026-11-10T02:00:00Z');
    await post('/api/v1/reports/biweekly/2026-10-26/draft', {}, unit.tokens.officer);
    const view = (await t.http().get('/api/v1/reports/biweekly?periodStart=2026-10-26').set(bearer(unit.tokens.head)).set('X-Min-Position', last).expect(200)).body;
    await post('/api/v1/reports/biweekly/2026-10-26/approve', { hash: view.current.hash }, unit.tokens.head);
    await post('/api/v1/reports/biweekly/2026-10-26/submit', {}, unit.tokens.officer);
    const imported = await t.http().post('/api/v1/imports/records?dryRun=false').set(bearer(unit.tokens.supervisor)).attach('file', workRecordFile([recordRow({ 受理日期: '114/5/6', 反映者姓名: '陳阿明', 性質: '民情需求', '需求/反映等內容概述': '匯入的舊案', 辦理情形: '已處理', 結案日期: '114/5/9' })], 'csv'), 'old.csv').expect(200);
    last = imported.body.position;
    await post('/api/v1/audit/checkpoints', {}, admin, 201);
  }, 120_000);

  it('gives the supervisor a ZIP of the cases (ODS), the reports (ODT, PDF) and the unit’s log, which verifies offline and LibreOffice opens', async () => {
    const dir = join(out.path, 'supervisor');
    const files = await unzip((await download(unit.tokens.supervisor)).body as Buffer, dir);
    expect(files).toEqual(['cases.ods', 'events.jsonl', 'manifest.json', expect.stringMatching(/^plans\/2026-11-01-[0-9a-f-]{36}\.odt$/), expect.stringMatching(/^plans\/2026-11-01-[0-9a-f-]{36}\.pdf$/), 'reports/2026-10-26.odt', 'reports/2026-10-26.pdf']);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ unitCode: 'EXP', cases: 3, reports: 1, plans: 1, personalData: true });
    const plan = await JSZip.loadAsync(readFileSync(join(dir, files[3])));
    expect(await plan.file('content.xml')!.async('string')).toContain('東湖里辦公處');
    const log = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    expect(log).not.toContain('他單位的案件');
    expect(log).not.toMatch(/王小明|陳阿明/); // reporters stay sealed in the log

    const verified = await runCli('audit-verify.ts', ['--export', dir], out.path);
    expect([verified.code, verified.said]).toEqual([0, expect.stringContaining('Intact:')]);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true, checkpoint: { matches: true }, changedFiles: [] });

    const [header, ...rows] = await sofficeRows(join(dir, 'cases.ods'), join(out.path, 'csv'));
    expect(header).toEqual(['受理日期', '反映者姓名', '職業', '聯絡電話', '聯絡地址', '性質', '類別', '需求/反映等內容概述', '處理意見', '紀錄人', '地點', '村里', '辦理情形', '結案日期', '案號', '狀態', '來源']);
    expect(rows.map((r) => [r[0], r[1], r[3], r[5], r[7], r[13], r[16]])).toEqual([
      ['114/5/6', '陳阿明', '', '民情需求事項', '匯入的舊案', '114/5/9', '匯入'],
      ['115/11/3', '王小明', '0912-345-678', '民情需求事項', '路燈不亮', '', '登錄'],
      // Text that looks like a formula stays text: LibreOffice shows it as typed, it never runs.
      ['115/11/3', '', '', '民情需求事項', '=HYPERLINK("http://evil.example","按此")', '', '登錄'],
    ]);

    const accesses = (await t.http().get('/api/v1/audit/personal-data-access').set(bearer(unit.tokens.supervisor)).set('X-Min-Position', last).expect(200)).body.items;
    expect(accesses.filter((a: { view: string }) => a.view === 'unit_export')).toHaveLength(2);
  }, 240_000);

  it('finds an export changed after it was made: an event edited, a file replaced', async () => {
    const dir = join(out.path, 'tampered');
    await unzip((await download(unit.tokens.supervisor)).body as Buffer, dir);
    const events = join(dir, 'events.jsonl');
    const original = readFileSync(events, 'utf8');
    writeFileSync(events, original.replace('路燈不亮', '路燈已修好'));
    const edited = await runCli('audit-verify.ts', ['--export', dir], out.path);
    expect([edited.code, edited.said]).toEqual([1, expect.stringContaining('BROKEN: hash_mismatch')]);
    writeFileSync(events, original);
    writeFileSync(join(dir, 'cases.ods'), Buffer.from('not the cases'));
    const replaced = await runCli('audit-verify.ts', ['--export', dir], out.path);
    expect([replaced.code, JSON.parse(replaced.out).changedFiles]).toEqual([1, ['cases.ods']]);
    const missing = await runCli('audit-verify.ts', ['--export', join(out.path, 'nowhere')], out.path);
    expect([missing.code, missing.said]).toEqual([2, expect.stringContaining('EXPORT_NOT_FOUND')]);
  }, 120_000);

  it('gives the administrator no personal data, and refuses the officer and another unit’s supervisor', async () => {
    const dir = join(out.path, 'admin');
    await unzip((await download(admin)).body as Buffer, dir);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).personalData).toBe(false);
    const rows = await sofficeRows(join(dir, 'cases.ods'), join(out.path, 'admin-csv'));
    expect(rows).toHaveLength(4);
    expect(JSON.stringify(rows)).not.toMatch(/王小明|陳阿明|0912/);
    await download(unit.tokens.officer, unit.unitId, 403);
    await download(other.tokens.supervisor, unit.unitId, 403);
  }, 240_000);

  it('writes the same export from a stopped data directory with npm run export:unit, without personal data, and it verifies', async () => {
    await t.app.close();
    stopped = true;
    const dir = join(out.path, 'command');
    const exported = await runCli('export-unit.ts', ['--unit', 'EXP', dir], t.dataDir);
    expect([exported.code, exported.said]).toEqual([0, expect.stringContaining('已匯出「EXP政風室」：案件 3 件、彙報表 1 期')]);
    expect(readdirSync(dir).sort()).toEqual(['cases.ods', 'events.jsonl', 'manifest.json', 'plans', 'reports']);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).personalData).toBe(false);
    const verified = await runCli('audit-verify.ts', ['--export', dir], out.path);
    expect([verified.code, verified.said]).toEqual([0, expect.stringContaining('Intact:')]);
    const again = await runCli('export-unit.ts', ['--unit', 'EXP', dir], t.dataDir);
    expect([again.code, again.said]).toEqual([2, expect.stringContaining('EXPORT_DIR_NOT_EMPTY')]);
  }, 240_000);
});
