import Database from 'better-sqlite3';
import type { PersonalDataKeyStore } from './personal-data-key-store';

/**
 * The keys in a SQLite file that holds nothing else. `secure_delete` zeroes a deleted key's bytes in its page, and
 * the WAL, which still holds earlier copies of that page, is checkpointed and truncated after every erasure: once
 * `erase` answers, the key is in no file.
 */
export class SqlitePersonalDataKeyStore implements PersonalDataKeyStore {
  private readonly db: Database.Database;
  private readonly insert;
  private readonly select;
  private readonly remove;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec('CREATE TABLE IF NOT EXISTS personal_data_keys (key_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO personal_data_keys (key_id, key, created_at) VALUES (?, ?, ?)');
    this.select = this.db.prepare<[string], { key: Buffer }>('SELECT key FROM personal_data_keys WHERE key_id = ?');
    this.remove = this.db.prepare('DELETE FROM personal_data_keys WHERE key_id = ?');
  }

  async put(keyId: string, key: Buffer, createdAt: Date): Promise<void> {
    this.insert.run(keyId, key, createdAt.toISOString());
  }

  async get(keyId: string): Promise<Buffer | null> {
    return this.select.get(keyId)?.key ?? null;
  }

  async erase(keyId: string): Promise<void> {
    this.remove.run(keyId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
