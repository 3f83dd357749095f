import Database from '@integrity/sqlite';
import type { PersonalDataKey, PersonalDataKeyStore } from './personal-data-key-store';

interface PendingPut {
  keyId: string;
  key: Buffer;
  createdAt: Date;
  done: (error?: unknown) => void;
}

/**
 * The keys in a SQLite file that holds nothing else. `secure_delete` zeroes a deleted key's bytes in its page, and
 * the WAL, which still holds earlier copies of that page, is checkpointed and truncated after every erasure: once
 * `erase` answers, the key is in no file. Keys put in the same tick share one transaction and one fsync (each case
 * recorded with a reporter puts one), and each put answers once its key is on disk.
 */
export class SqlitePersonalDataKeyStore implements PersonalDataKeyStore {
  private readonly db: Database.Database;
  private readonly insert;
  private readonly select;
  private readonly remove;
  private readonly insertAll: (puts: PendingPut[]) => (unknown | null)[];
  private pending: PendingPut[] = [];
  private committed: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec('CREATE TABLE IF NOT EXISTS personal_data_keys (key_id TEXT PRIMARY KEY, key BLOB NOT NULL, created_at TEXT NOT NULL)');
    this.db.exec('CREATE TABLE IF NOT EXISTS key_store_identity (id TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO personal_data_keys (key_id, key, created_at) VALUES (?, ?, ?)');
    this.select = this.db.prepare<[string], { key: Buffer }>('SELECT key FROM personal_data_keys WHERE key_id = ?');
    this.remove = this.db.prepare('DELETE FROM personal_data_keys WHERE key_id = ?');
    // A refused INSERT is undone alone (SQLite's statement rollback): the other keys of the transaction stay.
    this.insertAll = this.db.transaction((puts: PendingPut[]) =>
      puts.map(({ keyId, key, createdAt }) => {
        try {
          this.insert.run(keyId, key, createdAt.toISOString());
          return null;
        } catch (error) {
          return error;
        }
      }),
    );
  }

  put(keyId: string, key: Buffer, createdAt: Date): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ keyId, key, createdAt, done: (error) => (error ? reject(error) : resolve()) });
      if (this.pending.length === 1) this.committed = new Promise((flushed) => setImmediate(() => flushed(this.flush())));
    });
  }

  private flush(): void {
    const puts = this.pending;
    this.pending = [];
    let outcomes: (unknown | null)[];
    try {
      outcomes = this.insertAll(puts);
    } catch (error) {
      outcomes = puts.map(() => error);
    }
    puts.forEach((put, i) => put.done(outcomes[i] ?? undefined));
  }

  async get(keyId: string): Promise<Buffer | null> {
    return this.select.get(keyId)?.key ?? null;
  }

  async erase(keyId: string): Promise<void> {
    await this.committed;
    this.remove.run(keyId);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async all(): Promise<PersonalDataKey[]> {
    await this.committed;
    const rows = this.db.prepare<[], { key_id: string; key: Buffer; created_at: string }>('SELECT key_id, key, created_at FROM personal_data_keys ORDER BY key_id').all();
    return rows.map((row) => ({ keyId: row.key_id, key: row.key, createdAt: new Date(row.created_at) }));
  }

  async identity(): Promise<string | null> {
    return (this.db.prepare<[], { id: string }>('SELECT id FROM key_store_identity LIMIT 1').get()?.id as string | undefined) ?? null;
  }

  async adopt(id: string): Promise<void> {
    this.db.prepare('INSERT INTO key_store_identity (id) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM key_store_identity)').run(id);
  }

  async close(): Promise<void> {
    await this.committed;
    this.db.close();
  }
}
