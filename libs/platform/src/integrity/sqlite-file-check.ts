import Database, { SQLITE_MODULE_PATH } from '@integrity/sqlite';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** What a check of one store found: nothing (`ok`), or SQLite's own words for the damage. */
export interface FileCheck {
  file: string;
  ok: boolean;
  problems: string[];
}

const MAX_PROBLEMS = 20;

/**
 * SQLite's own check of a database file, on a connection of its own: `quick_check` (every page and record
 * readable, the b-trees well formed) or, `thorough`, `integrity_check` (also every index against its table).
 * A file that cannot be opened at all is damaged too.
 */
export function checkSqliteFile(file: string, thorough = false): FileCheck {
  if (!existsSync(file)) return { file, ok: true, problems: [] };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return found(file, (db.pragma(checkPragma(thorough)) as Record<string, string>[]).map((row) => Object.values(row)[0]));
  } catch (error) {
    return { file, ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  } finally {
    db?.close();
  }
}

const checkPragma = (thorough: boolean): string => `${thorough ? 'integrity_check' : 'quick_check'}(${MAX_PROBLEMS})`;
const found = (file: string, results: string[]): FileCheck => {
  const problems = results.filter((result) => result !== 'ok');
  return { file, ok: problems.length === 0, problems };
};

/** The same check in a worker thread: it reads every page, seconds for a file of millions of events. */
const CHECK_APART = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.module);
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  parentPort.postMessage({ results: db.pragma(workerData.pragma).map((row) => Object.values(row)[0]) });
} catch (error) {
  parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) });
} finally {
  if (db) db.close();
}`;

/**
 * `checkSqliteFile` on a thread of its own, for the periodic checks of a running application: the requests
 * meanwhile are served, where the check on the event loop held them all for as long as it read.
 */
export function checkSqliteFileApart(file: string): Promise<FileCheck> {
  if (!existsSync(file)) return Promise.resolve({ file, ok: true, problems: [] });
  return new Promise((resolve) => {
    const worker = new Worker(CHECK_APART, { eval: true, workerData: { module: SQLITE_MODULE_PATH, file, pragma: checkPragma(false) } });
    const settle = (check: FileCheck) => {
      resolve(check);
      void worker.terminate();
    };
    worker.once('message', (answer: { results?: string[]; failed?: string }) => settle(answer.results ? found(file, answer.results) : { file, ok: false, problems: [answer.failed as string] }));
    worker.once('error', (error) => settle({ file, ok: false, problems: [error.message] }));
  });
}
