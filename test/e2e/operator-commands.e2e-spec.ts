import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-dir';

/**
 * Every operator command refuses in zh-TW with the English code beside it and exit code 2, and never makes the data
 * directory it was given: a mistyped path is said to be missing, not checked, backed up or rebuilt as an empty one.
 */
describe('the operator commands, when they cannot do what was asked', () => {
  const dir = tempDir('operator-commands');
  const missing = join(dir.path, 'mistyped');
  const empty = join(dir.path, 'empty');
  beforeAll(() => mkdirSync(empty));
  afterAll(() => dir.remove());

  const refusal = (code: string, words: string) => ({ code: 2, said: expect.stringMatching(new RegExp(`${words}.*（${code}）`)) });
  const run = async (script: string, args: string[], dataDir = missing) => {
    const { code, said } = await runCli(script, args, dataDir);
    return { code, said };
  };

  it('refuses a data directory that is not there, and does not make it', async () => {
    expect(await run('verify-stores.ts', [missing])).toEqual(refusal('DATA_DIR_NOT_FOUND', `資料目錄不存在：${missing}`));
    expect(await run('backup-data-dir.ts', [join(dir.path, 'copy'), '--from', missing])).toEqual(refusal('DATA_DIR_NOT_FOUND', '資料目錄不存在'));
    expect(await run('rebuild-projections.ts', [missing])).toEqual(refusal('DATA_DIR_NOT_FOUND', '資料目錄不存在'));
    expect(await run('rebuild-projections.ts', [])).toEqual(refusal('DATA_DIR_NOT_FOUND', '資料目錄不存在'));
    expect(await run('migrate-to-production.ts', ['--to-production'])).toEqual(refusal('DATA_DIR_NOT_FOUND', '資料目錄不存在'));
    expect(await run('migrate-to-production.ts', ['--to-production'], empty)).toEqual(refusal('PRODUCTION_STORES_NOT_SET', '請以 EVENTSTORE_CONNECTION_STRING 及 MONGODB_URI 指定'));
    expect([existsSync(missing), existsSync(join(dir.path, 'copy'))]).toEqual([false, false]);
  }, 120_000);

  it('says what a directory without stores lacks', async () => {
    expect(await run('verify-stores.ts', [], empty)).toEqual(refusal('NO_STORE_FOUND', '資料目錄中沒有任何儲存檔'));
    expect(await run('backup-data-dir.ts', [join(dir.path, 'copy')], empty)).toEqual(refusal('EVENT_LOG_NOT_FOUND', '資料目錄中沒有事件紀錄'));
  }, 120_000);

  it('answers a wrong call with its usage, and a file that is not there by name', async () => {
    expect(await run('backup-data-dir.ts', [], empty)).toEqual(refusal('USAGE', '用法：npm run backup'));
    expect(await run('import-office-calendar.ts', [])).toEqual(refusal('USAGE', '用法：npm run calendar:import'));
    expect(await run('import-office-calendar.ts', [join(dir.path, '辦公日曆表.csv')])).toEqual(refusal('FILE_NOT_FOUND', '找不到檔案'));
    expect(await run('migrate-to-production.ts', ['--to-prod'])).toEqual(refusal('USAGE', '用法：npm run migrate'));
  }, 120_000);
});
