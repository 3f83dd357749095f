import Database from '@integrity/sqlite';
import { existsSync } from 'node:fs';

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
    const rows = db.pragma(`${thorough ? 'integrity_check' : 'quick_check'}(${MAX_PROBLEMS})`) as Record<string, string>[];
    const problems = rows.map((row) => Object.values(row)[0]).filter((result) => result !== 'ok');
    return { file, ok: problems.length === 0, problems };
  } catch (error) {
    return { file, ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  } finally {
    db?.close();
  }
}
