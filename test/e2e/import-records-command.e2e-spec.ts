import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { ADMIN, bearer, listening, startTestApp, tokenFor, unitWithUsers } from '../support/test-app';
import { recordRow, workRecordFile } from '../support/work-record-files';

/** `npm run import:records` as an operator runs it: on a stopped data directory, then against the running server. */
describe('npm run import:records', () => {
  const dir = tempDir('import-records');
  const files = tempDir('import-records-files');
  afterAll(() => {
    dir.remove();
    files.remove();
  });

  const file = join(files.path, '過去紀錄.ods');
  writeFileSync(
    file,
    workRecordFile(
      [
        recordRow({ 受理日期: '113/6/3', 性質: '民情需求', '需求/反映等內容概述': '公車站牌遮雨棚損壞', 村里: '臺中市大里區東湖里', 辦理情形: '已請公車處修復', 結案日期: '113/6/20' }),
        recordRow({ 受理日期: '113年6月31日', 性質: '施政興革', '需求/反映等內容概述': '六月沒有三十一日' }),
        recordRow({ 受理日期: '1130705', 性質: '施政興革反映', '需求/反映等內容概述': '建議公所網站提供英文版' }),
      ],
      'ods',
    ),
  );
  const run = (args: string[], dataDir = dir.path) => runCli('import-records.ts', args, dataDir);

  it('checks a file on a stopped data directory, refuses it for a refused row, imports the valid rows when told, and the server shows them', async () => {
    const t = await startTestApp(dir.path);
    const unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'CLI');
    await t.app.close();

    const checked = await run([file, '--unit', 'CLI', '--dry-run']);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.out).counts).toEqual({ to_import: 2, imported: 0, already_imported: 0, duplicate: 0, refused: 1 });
    expect(checked.said).toContain('試算（未寫入）：共 3 列，可匯入 2、已匯入 0、先前已匯入 0、重複 0、未通過 1');
    expect(checked.said).toContain('第3列「受理日期」：受理日期不是有效的日期。');

    const refused = await run([file, '--unit', 'CLI']);
    expect([refused.code, refused.said]).toEqual([1, expect.stringContaining('有未通過的列，全部未匯入')]);
    const imported = await run([file, '--unit', 'CLI', '--valid-rows-only']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out).counts).toMatchObject({ imported: 2, refused: 1 });

    const again = await startTestApp(dir.path);
    try {
      const position = JSON.parse(imported.out).position as string;
      const items = (await again.http().get('/api/v1/reflections').set(bearer(unit.tokens.officer)).set('X-Min-Position', position).expect(200)).body.items;
      expect(items.map((i: { summary: string; imported: boolean }) => [i.summary, i.imported]).sort()).toEqual([
        ['公車站牌遮雨棚損壞', true],
        ['建議公所網站提供英文版', true],
      ]);
      // Against the running server, with the supervisor's token: the same records are already there.
      const base = await listening(again);
      const token = await tokenFor(again, 'cli.supervisor', 'cli-supervisor-password');
      const overApi = await run([file, '--unit', 'CLI', '--valid-rows-only', '--url', base, '--token', token]);
      expect(overApi.code).toBe(0);
      expect(JSON.parse(overApi.out).counts).toMatchObject({ imported: 0, already_imported: 2, refused: 1 });
    } finally {
      await again.app.close();
    }
  }, 180_000);

  it('refuses a missing data directory, an unknown unit and a missing --unit, in zh-TW with the code beside', async () => {
    const missing = await run([file, '--unit', 'CLI', '--dry-run'], join(dir.path, 'no-such-dir'));
    expect([missing.code, missing.said]).toEqual([2, expect.stringContaining('資料目錄不存在')]);
    expect(missing.said).toContain('DATA_DIR_NOT_FOUND');
    const unknown = await run([file, '--unit', 'NONE', '--dry-run']);
    expect([unknown.code, unknown.said]).toEqual([2, expect.stringContaining('查無代碼為「NONE」的政風機構。（UNIT_NOT_FOUND）')]);
    const usage = await run([file]);
    expect([usage.code, usage.said]).toEqual([2, expect.stringContaining('用法 (usage): npm run import:records')]);
  }, 120_000);
});
