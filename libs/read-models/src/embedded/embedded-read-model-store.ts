import Database from 'better-sqlite3';
import { Aggregator, Query, update } from 'mingo';
import {
  DuplicateKeyError,
  type Filter,
  type FindOptions,
  type IndexOptions,
  type ReadModelCollection,
  type ReadModelDocument,
  type ReadModelStore,
  type Sort,
  type Update,
  type UpdateResult,
  type BulkWriteOptions,
  type WriteOperation,
} from '../read-model-store.port';

interface UniqueIndex {
  fields: string[];
  name: string;
}

const valueAt = (document: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), document);

type AnyDocument = Record<string, unknown>;
const applyUpdate = (document: object, modifier: Update): string[] => update(document as AnyDocument, modifier as never);

/** The equality fields of a filter, which an upsert copies into the new document (as MongoDB does). */
function equalitiesOf(filter: Filter): Record<string, unknown> {
  const seed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) continue;
    const isOperator = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('$'));
    if (isOperator) {
      const eq = (value as Record<string, unknown>).$eq;
      if (eq !== undefined) seed[key] = eq;
    } else {
      seed[key] = value;
    }
  }
  return seed;
}

class EmbeddedCollection<T extends ReadModelDocument> implements ReadModelCollection<T> {
  private readonly documents = new Map<string, T>();
  private readonly uniqueIndexes: UniqueIndex[] = [];

  constructor(
    private readonly name: string,
    /** Queues the write for the next group commit; resolves once it is on disk. */
    private readonly persist: (id: string, document: T | null) => Promise<void>,
  ) {}

  load(document: T): void {
    this.documents.set(document._id, document);
  }

  addUniqueIndex(fields: string[]): void {
    const name = fields.join('_');
    if (!this.uniqueIndexes.some((index) => index.name === name)) this.uniqueIndexes.push({ fields, name });
  }

  private assertUnique(candidate: T): void {
    for (const index of this.uniqueIndexes) {
      const key = JSON.stringify(index.fields.map((f) => valueAt(candidate as never, f) ?? null));
      for (const other of this.documents.values()) {
        if (other._id !== candidate._id && JSON.stringify(index.fields.map((f) => valueAt(other as never, f) ?? null)) === key) {
          throw new DuplicateKeyError(this.name, index.name);
        }
      }
    }
  }

  private write(document: T): Promise<void> {
    this.assertUnique(document);
    this.documents.set(document._id, document);
    return this.persist(document._id, document);
  }

  private matches(filter: Filter): T[] {
    const id = filter._id;
    if (typeof id === 'string') {
      const one = this.documents.get(id);
      return one && new Query<T>(filter as never).test(one) ? [one] : [];
    }
    return new Query(filter).find<T>([...this.documents.values()]).all();
  }

  async insertOne(document: T): Promise<void> {
    if (this.documents.has(document._id)) throw new DuplicateKeyError(this.name, '_id');
    await this.write(structuredClone(document));
  }

  async findOne(filter: Filter): Promise<T | null> {
    const [first] = this.matches(filter);
    return first ? structuredClone(first) : null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = new Query(filter).find<T>([...this.documents.values()]);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    const excluded = options.exclude ?? [];
    return cursor.all().map((document) => {
      const copy = structuredClone(document) as Record<string, unknown>;
      for (const field of excluded) delete copy[field];
      return copy as T;
    });
  }

  async countDocuments(filter: Filter): Promise<number> {
    return this.matches(filter).length;
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const { $setOnInsert, ...modifier } = update as Update & { $setOnInsert?: Record<string, unknown> };
    const [current] = this.matches(filter);
    if (current) {
      const next = structuredClone(current);
      const changed = Object.keys(modifier).length > 0 ? applyUpdate(next, modifier) : [];
      if (changed.length > 0) await this.write(next);
      return { matchedCount: 1, modifiedCount: changed.length > 0 ? 1 : 0, upsertedId: null };
    }
    if (!options.upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
    const inserted = structuredClone(equalitiesOf(filter)) as T;
    if ($setOnInsert) applyUpdate(inserted, { $set: $setOnInsert });
    if (Object.keys(modifier).length > 0) applyUpdate(inserted, modifier);
    if (typeof inserted._id !== 'string') throw new Error(`An upsert into ${this.name} needs a string _id in its filter or update`);
    await this.insertOne(inserted);
    return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id };
  }

  async deleteOne(filter: Filter): Promise<number> {
    const [current] = this.matches(filter);
    if (!current) return 0;
    this.documents.delete(current._id);
    await this.persist(current._id, null);
    return 1;
  }

  async bulkWrite(operations: WriteOperation<T>[], options: BulkWriteOptions = {}): Promise<{ skipped: number }> {
    let skipped = 0;
    for (const operation of operations) {
      try {
        if ('replaceOne' in operation) {
          const { filter, replacement, upsert } = operation.replaceOne;
          await this.replaceOne(filter, replacement, upsert ?? false);
        } else if ('updateOne' in operation) {
          const { filter, update: modifier, upsert } = operation.updateOne;
          await this.updateOne(filter, modifier, { upsert });
        } else {
          await this.deleteOne(operation.deleteOne.filter);
        }
      } catch (error) {
        if (!(options.skipDuplicates && error instanceof DuplicateKeyError)) throw error;
        skipped++;
      }
    }
    return { skipped };
  }

  private async replaceOne(filter: Filter, replacement: T, upsert: boolean): Promise<void> {
    const [current] = this.matches(filter);
    if (current) {
      await this.write(structuredClone({ ...replacement, _id: current._id }));
      return;
    }
    if (upsert) await this.insertOne({ ...equalitiesOf(filter), ...replacement } as T);
  }

  async aggregate<R>(pipeline: Record<string, unknown>[]): Promise<R[]> {
    return structuredClone(new Aggregator(pipeline as never).run([...this.documents.values()]) as R[]);
  }

  async drop(): Promise<void> {
    let committed: Promise<void> = Promise.resolve();
    for (const id of [...this.documents.keys()]) {
      this.documents.delete(id);
      committed = this.persist(id, null);
    }
    this.uniqueIndexes.length = 0;
    await committed;
  }

  async createIndex(keys: Sort, options: IndexOptions = {}): Promise<void> {
    if (options.unique) {
      const fields = Object.keys(keys);
      const probe = new Map<string, string>();
      for (const document of this.documents.values()) {
        const key = JSON.stringify(fields.map((f) => valueAt(document as never, f) ?? null));
        if (probe.has(key)) throw new DuplicateKeyError(this.name, fields.join('_'));
        probe.set(key, document._id);
      }
      this.addUniqueIndex(fields);
    }
  }
}

interface PendingWrite {
  collection: string;
  id: string;
  document: ReadModelDocument | null;
}

/**
 * The embedded read-model store: documents live in memory and queries run through mingo, which evaluates
 * MongoDB's query and update language; every write goes through to one SQLite file, from which the store is
 * loaded at start, so read models survive a restart. Writes of the same tick share one transaction and one
 * fsync, and each resolves only once committed.
 */
export class EmbeddedReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly collections = new Map<string, EmbeddedCollection<ReadModelDocument>>();
  readonly sharedAcrossProcesses = false;
  private readonly upsert;
  private readonly remove;
  private readonly commit: (writes: PendingWrite[]) => void;
  private pending: PendingWrite[] = [];
  private committed: Promise<void> | null = null;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS documents (
      collection TEXT NOT NULL, id TEXT NOT NULL, document TEXT NOT NULL, PRIMARY KEY (collection, id))`);
    this.upsert = this.db.prepare(
      'INSERT INTO documents (collection, id, document) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET document = excluded.document',
    );
    this.remove = this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?');
    this.commit = this.db.transaction((writes: PendingWrite[]) => {
      for (const { collection, id, document } of writes) {
        if (document) this.upsert.run(collection, id, JSON.stringify(document));
        else this.remove.run(collection, id);
      }
    });
    const rows = this.db.prepare<[], { collection: string; document: string }>('SELECT collection, document FROM documents').all();
    for (const row of rows) this.collectionNamed(row.collection).load(JSON.parse(row.document));
  }

  private collectionNamed(name: string): EmbeddedCollection<ReadModelDocument> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection(name, (id, document) => this.enqueue({ collection: name, id, document }));
      this.collections.set(name, collection);
    }
    return collection;
  }

  private enqueue(write: PendingWrite): Promise<void> {
    this.pending.push(write);
    this.committed ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        const writes = this.pending;
        this.pending = [];
        this.committed = null;
        try {
          this.commit(writes);
          resolve();
        } catch (error) {
          reject(error);
        }
      }),
    );
    return this.committed;
  }

  collection<T extends ReadModelDocument>(name: string): ReadModelCollection<T> {
    return this.collectionNamed(name) as unknown as ReadModelCollection<T>;
  }

  async close(): Promise<void> {
    await this.committed;
    this.db.close();
  }
}
