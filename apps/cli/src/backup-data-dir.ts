import Database from '@integrity/sqlite';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { keepFilesPrivate, STORE_FILES } from '@integrity/platform';
import { verifyStores, type StoreVerdict } from './verify-stores';
import { CommandRefused, existingDataDir, optionValue, positionalArguments, runCommand } from './run-command';

/**
 * The order matters. The read models first: their projections then stand at or behind the copied log, and the
 * projector catches up from there on restore (copied after the log, they could hold cases the log lacks, and the
 * projector would skip the positions the restored log gives next). Then the log. Then the keys: a case's
 * personal-data key is made before its first event, so keys copied after the log hold every key it needs (a key
 * erased meanwhile stays erased, as it should). Units and users are facts in the log: the copied log holds them.
 */
const IN_ORDER = [STORE_FILES.readModels, STORE_FILES.eventStore, STORE_FILES.personalDataKeys];
/** Small files copied as they are: the token secret, so sessions go on after a restore; the receipt secret, so citizens' codes do. */
const PLAIN_FILES = ['jwt-secret', 'receipt-secret'];

export interface BackupReport {
  target: string;
  files: { file: string; bytes: number }[];
  verdicts: StoreVerdict[];
}

/**
 * A consistent copy of a data directory while the application runs: each SQLite file through SQLite's online
 * backup API (a snapshot of the file as of one transaction, WAL included), then verified as `npm run verify`
 * does. Starting the application with DATA_DIR set to the copy restores it.
 */
export async function backupDataDir(dataDir: string, target: string): Promise<BackupReport> {
  if (existsSync(target) && readdirSync(target).length > 0) throw new CommandRefused('BACKUP_TARGET_NOT_EMPTY', `備份目錄不是空的：${target}；請備份到新的或空的目錄`);
  // The copy holds the keys and the log as the original does: for this user only, as the original is.
  keepFilesPrivate();
  mkdirSync(target, { recursive: true, mode: 0o700 });
  chmodSync(target, 0o700);
  const files: BackupReport['files'] = [];
  for (const name of IN_ORDER) {
    const source = join(dataDir, name);
    if (!existsSync(source)) continue;
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(join(target, name));
    } finally {
      db.close();
    }
    files.push({ file: name, bytes: statSync(join(target, name)).size });
  }
  for (const name of PLAIN_FILES.filter((file) => existsSync(join(dataDir, file)))) {
    copyFileSync(join(dataDir, name), join(target, name));
    files.push({ file: name, bytes: statSync(join(target, name)).size });
  }
  return { target, files, verdicts: await verifyStores(target) };
}

/**
 * `npm run backup -- <target directory> [--from <data directory>]` (the data directory: --from, else DATA_DIR, else
 * ./data, which must exist); exit code 1 when the copy fails its checks.
 */
export async function runBackup(args: string[]): Promise<number> {
  const [targetArg, ...more] = positionalArguments(args, ['--from']);
  if (!targetArg || more.length > 0) throw new CommandRefused('USAGE', '用法：npm run backup -- <備份目錄（新的或空的）> [--from <資料目錄>]');
  const from = optionValue(args, '--from');
  const dataDir = existingDataDir(from ? [from] : [], process.env);
  if (!existsSync(join(dataDir, STORE_FILES.eventStore))) throw new CommandRefused('EVENT_LOG_NOT_FOUND', `資料目錄中沒有事件紀錄：${dataDir}（請以 --from 或 DATA_DIR 指定資料目錄）`);
  const report = await backupDataDir(dataDir, resolve(targetArg));
  for (const { file, bytes } of report.files) process.stdout.write(`${file}: ${bytes} bytes\n`);
  for (const verdict of report.verdicts) process.stdout.write(`verified ${verdict.file}: ${verdict.summary}\n`);
  process.stdout.write(`Backup of ${dataDir} in ${report.target}; restore by starting with DATA_DIR=${report.target}\n`);
  return report.verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

if (require.main === module) runCommand(() => runBackup(process.argv.slice(2)));
