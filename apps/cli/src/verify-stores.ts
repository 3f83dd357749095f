import Database from '@integrity/sqlite';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChains } from '@integrity/audit';
import { SqliteEventStore } from '@integrity/event-store';
import { collectionTable } from '@integrity/read-models';
import { checkSqliteFile, REPAIRS, STORE_FILES } from '@integrity/platform';
import { CommandRefused, existingDataDir, runCommand } from './run-command';

export interface StoreVerdict {
  file: string;
  ok: boolean;
  summary: string;
  /** What the operator does, when it is not ok. */
  repair?: string;
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

/** One value from a SQLite file read only, or null when the file or the row is not there. */
function readOne<T>(file: string, sql: string, ...params: unknown[]): T | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get(...params) as T | undefined) ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/**
 * What the stores know of each other: the key store is the one the log was recorded with (and is there when the log
 * needs one), and the read models hold no event past the log's head.
 */
function storesAgree(dataDir: string): StoreVerdict[] {
  const log = join(dataDir, STORE_FILES.eventStore);
  const keys = join(dataDir, STORE_FILES.personalDataKeys);
  const readModels = join(dataDir, STORE_FILES.readModels);
  const verdicts: StoreVerdict[] = [];
  const named = readOne<{ data: string }>(log, "SELECT data FROM events WHERE stream_id LIKE 'keystore-%' ORDER BY position DESC LIMIT 1");
  if (named) {
    const recorded = (JSON.parse(named.data) as { keyStoreId: string }).keyStoreId;
    const own = readOne<{ id: string }>(keys, 'SELECT id FROM key_store_identity LIMIT 1')?.id ?? null;
    const problem = !existsSync(keys) ? 'MISSING: the log needs the key store it was recorded with' : own !== recorded ? `REPLACED: the log names key store ${recorded}, this one is ${own ?? 'new'}` : null;
    verdicts.push(problem ? { file: `${STORE_FILES.personalDataKeys} (the log's)`, ok: false, summary: problem, repair: REPAIRS.personalDataKeys } : { file: `${STORE_FILES.personalDataKeys} (the log's)`, ok: true, summary: `ok (${recorded})` });
  }
  const active = readOne<{ document: string }>(readModels, `SELECT document FROM ${collectionTable('read_model_generations')} WHERE id = 'active'`);
  const generation = active ? (JSON.parse(active.document) as { generation: number }).generation : 1;
  const checkpoint = readOne<{ document: string }>(readModels, `SELECT document FROM ${collectionTable('projection_checkpoints')} WHERE id = ?`, `g${generation}`);
  const head = readOne<{ position: number | null }>(log, 'SELECT MAX(position) AS position FROM events')?.position ?? 0;
  if (checkpoint) {
    const applied = (JSON.parse(checkpoint.document) as { position: string }).position;
    const ahead = applied !== '' && BigInt(applied) > BigInt(head);
    verdicts.push(
      ahead
        ? { file: `${STORE_FILES.readModels} (against the log)`, ok: false, summary: `AHEAD: the read models hold events up to position ${BigInt(applied)}, the log ends at ${head}`, repair: REPAIRS.readModels }
        : { file: `${STORE_FILES.readModels} (against the log)`, ok: true, summary: 'ok (not ahead of the log)' },
    );
  }
  return verdicts;
}

/**
 * The embedded stores of a data directory, checked thoroughly: SQLite's integrity_check on each file, the event log's
 * every event read back and every stream's hash chain recomputed, and what the stores know of each other. Runs while
 * the application runs (read-only), or on a backup.
 */
export async function verifyStores(dataDir: string): Promise<StoreVerdict[]> {
  const files = Object.entries(STORE_FILES).flatMap(([store, name]): StoreVerdict[] => {
    const file = join(dataDir, name);
    if (!existsSync(file)) return [];
    const repair = REPAIRS[store as keyof typeof REPAIRS];
    const check = checkSqliteFile(file, true);
    if (!check.ok) return [{ file: name, ok: false, summary: `DAMAGED: ${check.problems.join('; ')}`, repair }];
    if (name !== STORE_FILES.eventStore) return [{ file: name, ok: true, summary: 'ok' }];
    try {
      const { events, problems } = unreadableEvents(file);
      return [problems.length ? { file: name, ok: false, summary: `DAMAGED: ${problems.join('; ')}`, repair } : { file: name, ok: true, summary: `ok (${events} events)` }];
    } catch (error) {
      return [{ file: name, ok: false, summary: `DAMAGED: ${error instanceof Error ? error.message : String(error)}`, repair }];
    }
  });
  const log = join(dataDir, STORE_FILES.eventStore);
  if (files.some((verdict) => verdict.file === STORE_FILES.eventStore && verdict.ok)) files.push(await chainsOf(log));
  return [...files, ...storesAgree(dataDir)];
}

/** Every stream's hash chain recomputed (as `npm run audit:verify` does): damage inside an event's data is found. */
async function chainsOf(file: string): Promise<StoreVerdict> {
  const log = new SqliteEventStore({ file });
  try {
    const verdict = await verifyChains(log);
    const broken = verdict.firstBroken;
    return verdict.ok
      ? { file: `${STORE_FILES.eventStore} (hash chains)`, ok: true, summary: `ok (${verdict.streams} streams)` }
      : { file: `${STORE_FILES.eventStore} (hash chains)`, ok: false, summary: `BROKEN: ${broken?.reason} in ${broken?.streamId} at revision ${broken?.revision}`, repair: REPAIRS.eventStore };
  } finally {
    await log.close();
  }
}

/** `npm run verify [-- <data directory>]` (default DATA_DIR, else ./data, which must exist); exit code 1 on damage, 2 on no data. */
export async function runVerify(args: string[]): Promise<number> {
  const dataDir = existingDataDir(args, process.env);
  const verdicts = await verifyStores(dataDir);
  if (verdicts.length === 0) throw new CommandRefused('NO_STORE_FOUND', `資料目錄中沒有任何儲存檔：${dataDir}`);
  for (const verdict of verdicts) process.stdout.write(`${verdict.file}: ${verdict.summary}${verdict.repair ? `\n  to repair: ${verdict.repair}` : ''}\n`);
  return verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

if (require.main === module) runCommand(() => runVerify(process.argv.slice(2)));
