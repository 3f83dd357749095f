import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { DomainError, zhTwMessage } from '@integrity/domain';
import { IdentityModule, UnitRegister } from '@integrity/identity';
import { PlacesModule } from '@integrity/places';
import { PlatformModule } from '@integrity/platform';
import { readWorkRecordSheet, ReflectionsModule, WorkRecordImport, type ImportReport } from '@integrity/reflections';
import { ethicsUnitByCode } from './ethics-unit-by-code';
import { CommandRefused, existingDataDir, optionValue, positionalArguments, runCommand } from './run-command';

const USAGE = '用法 (usage): npm run import:records -- <file.ods|.xlsx|.csv> --unit <單位代碼> [--dry-run] [--valid-rows-only] [--url <https://…> --token <token>] [--data-dir <dir>]';
const VALUED = ['--unit', '--url', '--token', '--data-dir'];

/**
 * `npm run import:records`: a unit's past work records brought in, as 匯入紀錄 does on screen. Against a running
 * server (`--url`, with a supervisor's or the administrator's token, or INTEGRITY_TOKEN) through its API; else on
 * a stopped data directory (`--data-dir`, else DATA_DIR), with a progress bar. Prints the report as JSON, says
 * the outcome in zh-TW, and exits 1 when rows were refused and nothing was therefore recorded.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string) => optionValue(args, name);
  const [file, ...extra] = positionalArguments(args, VALUED);
  const unitCode = option('--unit');
  if (!file || !unitCode || extra.length > 0) throw new CommandRefused('USAGE', USAGE);
  const dryRun = args.includes('--dry-run');
  const validRowsOnly = args.includes('--valid-rows-only');
  const content = readFileSync(file);
  const url = option('--url');
  const report = url
    ? await overApi(url, option('--token') ?? process.env.INTEGRITY_TOKEN, unitCode, content, basename(file), dryRun, validRowsOnly)
    : await onDataDirectory(existingDataDir([option('--data-dir') ?? process.env.DATA_DIR ?? './data'], {}), unitCode, content, dryRun, validRowsOnly);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const { counts } = report;
  const outcome = report.dryRun ? '試算（未寫入）' : report.refusedFile ? '有未通過的列，全部未匯入' : '已匯入';
  console.error(
    `${outcome}：共 ${report.file.rows} 列，可匯入 ${counts.to_import}、已匯入 ${counts.imported}、先前已匯入 ${counts.already_imported}、重複 ${counts.duplicate}、未通過 ${counts.refused}` +
      ` (${report.dryRun ? 'dry run' : report.refusedFile ? 'refused rows: nothing recorded' : 'imported'})`,
  );
  for (const row of report.rows) for (const problem of [...row.problems, ...row.notes]) console.error(problem.message);
  return report.refusedFile && !report.dryRun ? 1 : 0;
}

/** The running server's API: the supervisor's own unit, or the unit the administrator names by its code. */
async function overApi(url: string, token: string | undefined, unitCode: string, content: Buffer, name: string, dryRun: boolean, validRowsOnly: boolean): Promise<ImportReport> {
  if (!token) throw new CommandRefused('TOKEN_REQUIRED', `連線到伺服器匯入須提供權杖：--token 或 INTEGRITY_TOKEN。\n${USAGE}`);
  const api = `${url.replace(/\/$/, '')}/api/v1`;
  const headers = { Authorization: `Bearer ${token}`, 'Accept-Language': 'zh-TW' };
  const get = async (path: string) => {
    const response = await fetch(`${api}${path}`, { headers });
    if (!response.ok) throw new CommandRefused(((await response.json()) as { error: string }).error, `${path}：${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const me = await get('/auth/me');
  const roles = me.roles as string[];
  let unitId: string | null = null;
  if (roles.includes('admin')) {
    const units = (await get('/units')).items as { id: string; code: string }[];
    unitId = units.find((u) => u.code === unitCode)?.id ?? null;
    if (!unitId) throw new CommandRefused('UNIT_NOT_FOUND', `查無代碼為「${unitCode}」的政風機構。`);
  }
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const query = new URLSearchParams({ dryRun: String(dryRun), ...(validRowsOnly ? { validRowsOnly: 'true' } : {}), ...(unitId ? { unitId } : {}) });
  console.error(dryRun ? '檢查中… (checking)' : '匯入中… (importing)');
  const response = await fetch(`${api}/imports/records?${query}`, { method: 'POST', headers, body: form });
  const body = (await response.json()) as ImportReport | { error: string; message: string; details?: unknown };
  if (response.ok) return body as ImportReport;
  if ('error' in body && body.error === 'IMPORT_HAS_REFUSED_ROWS') return body.details as ImportReport;
  throw new CommandRefused('error' in body ? body.error : 'HTTP_ERROR', 'message' in body ? body.message : `HTTP ${response.status}`);
}

/** What the import needs of the product, and no more: no HTTP, no worker. */
@Module({ imports: [CqrsModule.forRoot(), PlatformModule.forRoot({}), IdentityModule, PlacesModule, ReflectionsModule] })
class ImportRecordsModule {}

/** A stopped data directory: the product's own import, with a bar as the rows are checked and recorded. */
async function onDataDirectory(dataDir: string, unitCode: string, content: Buffer, dryRun: boolean, validRowsOnly: boolean): Promise<ImportReport> {
  process.env.DATA_DIR = dataDir;
  process.env.EVENTSTORE_CONNECTION_STRING = '';
  const sheet = readWorkRecordSheet(content);
  const app = await NestFactory.createApplicationContext(ImportRecordsModule, { logger: false, abortOnError: false });
  try {
    const unit = await ethicsUnitByCode(app.get(UnitRegister), unitCode);
    return await app.get(WorkRecordImport).run(sheet, unit, { dryRun, validRowsOnly, actorId: 'import-records', correlationId: randomUUID(), progress: progressBar() });
  } finally {
    await app.close();
  }
}

/** 檢查 12,345/20,000 列 on one line of a terminal, redrawn at most every tenth of a second; nothing elsewhere. */
function progressBar(): (done: number, total: number, stage: 'check' | 'record') => void {
  let shown = 0;
  return (done, total, stage) => {
    if (!process.stderr.isTTY || (done < total && Date.now() - shown < 100)) return;
    shown = Date.now();
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(`\r${stage === 'check' ? '檢查' : '匯入'} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')} 列${done === total ? '\n' : ''}`);
  };
}

runCommand(() =>
  main().catch((error: unknown) => {
    // A refusal of the file itself (unreadable, no header row) in the words the API gives it.
    if (error instanceof DomainError) throw new CommandRefused(error.code, zhTwMessage(error.code, { field: error.field, params: error.params }) ?? error.message);
    throw error;
  }),
);
