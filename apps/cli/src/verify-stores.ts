import Database from '@integrity/sqlite';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkSqliteFile, STORE_FILES } from '@integrity/platform';

export interface StoreVerdict {
  file: string;
  ok: boolean;
  summary: string;
}

/** Every event's data and metadata read back as JSON: damage inside a record that leaves the pages well formed. */
function unreadableEvents(file: string): { events: number; problems: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    let events = 0;
    for (const row of db.prepare<[], { position: number; data: string; metadata: string }>('SELECT position, data, metadata FROM events ORDER BY position').iterate()) {
      events++;
      try {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
      } catch {
        if (problems.length < 20) problems.push(`event at position ${row.position} does not read back`);
      }
    }
    return { events, problems };
  } finally {
    db.close();
  }
}

/**
 * The embedded stores of a data directory, checked thoroughly: SQLite's integrity_check on each file and, for
 * the event log, every event read back. Runs while the application runs (read-only), or on a backup.
 */
export function verifyStores(dataDir: string): StoreVerdict[] {
  return Object.values(STORE_FILES).flatMap((name): StoreVerdict[] => {
    const file = join(dataDir, name);
    if (!existsSync(file)) return [];
    const check = checkSqliteFile(file, true);
    if (!check.ok) return [{ file: name, ok: false, summary: `DAMAGED: ${check.problems.join('; ')}` }];
    if (name !== STORE_FILES.eventStore) return [{ file: name, ok: true, summary: 'ok' }];
    try {
      const { events, problems } = unreadableEvents(file);
      return [problems.length ? { file: name, ok: false, summary: `DAMAGED: ${problems.join('; ')}` } : { file: name, ok: true, summary: `ok (${events} events)` }];
    } catch (error) {
      return [{ file: name, ok: false, summary: `DAMAGED: ${error instanceof Error ? error.message : String(error)}` }];
    }
  });
}

/** `npm run verify [-- <data directory>]` (default DATA_DIR, else ./data); exit code 1 on damage, 2 on no data. */
export function runVerify(args: string[]): number {
  const dataDir = resolve(args[0] ?? process.env.DATA_DIR ?? './data');
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    console.error(`No data directory at ${dataDir}`);
    return 2;
  }
  const verdicts = verifyStores(dataDir);
  if (verdicts.length === 0) {
    console.error(`No store in ${dataDir}`);
    return 2;
  }
  for (const verdict of verdicts) process.stdout.write(`${verdict.file}: ${verdict.summary}\n`);
  return verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

if (require.main === module) process.exitCode = runVerify(process.argv.slice(2));
