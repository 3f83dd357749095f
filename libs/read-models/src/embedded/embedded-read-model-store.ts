import Database from '@integrity/sqlite';
import { Aggregator, Query, update } from 'mingo';
import {
  DuplicateKeyError,
  type BulkWriteOptions,
  type Filter,
  type FindOptions,
  type IndexOptions,
  type ReadModelCollection,
  type ReadModelDocument,
  type ReadModelStore,
  type Sort,
  type Update,
  type UpdateResult,
  type WriteOperation,
} from '../read-model-store.port';
import { isScalar, isSimplePath, jsonPath, translateFilter, translateSort, valueOf, type FieldKnowledge } from './sql-filter';

type AnyDocument = Record<string, unknown>;
type Committed = Promise<void>;

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The table of a collection's documents (`id`, `document`), for a reader of the file beside the store (`npm run verify`). */
export const collectionTable = (collection: string): string => quoted(`rm:${collection}`);

const applyUpdate = (document: object, modifier: Update): string[] => update(document as AnyDocument, modifier as never);

const isOperatorObject = (value: unknown): value is AnyDocument =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('$'));

/** The equality fields of a filter, which an upsert copies into the new document (as MongoDB does). */
function equalitiesOf(filter: Filter): AnyDocument {
  const seed: AnyDocument = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) continue;
    if (!isOperatorObject(value)) seed[key] = value;
    else if (value.$eq !== undefined) seed[key] = value.$eq;
  }
  return seed;
}

const valueAt = (document: AnyDocument, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' && !Array.isArray(value) ? (value as AnyDocument)[key] : undefined), document);

/** Whether a document holds a string, a number, null or nothing at a path, with no array on the way: what SQLite orders as MongoDB does. */
function holdsScalarAt(document: AnyDocument, field: string): boolean {
  let value: unknown = document;
  for (const segment of field.split('.')) {
    if (Array.isArray(value)) return false;
    if (value === null || typeof value !== 'object') return true;
    value = (value as AnyDocument)[segment];
  }
  return value === undefined || isScalar(value);
}

/** The same test in SQL, for the documents already there when an index is made. */
function holdsOtherSql(field: string): string {
  const segments = field.split('.');
  const onTheWay = segments.slice(0, -1).map((_, i) => `json_type(document, '${jsonPath(segments.slice(0, i + 1).join('.'))}') IS 'array'`);
  return [`json_type(document, '${jsonPath(field)}') IN ('true', 'false', 'array', 'object')`, ...onTheWay].join(' OR ');
}

/** The values a single-field index lists for a document: each element of an array, null for nothing (as MongoDB's multikey indexes). */
function keyValuesOf(document: AnyDocument, field: string): (string | number | null)[] {
  const value = valueAt(document, field) ?? null;
  return [...new Set(Array.isArray(value) ? value : [value])].filter(isScalar);
}

interface IndexEntry {
  name: string;
  fields: [string, 1 | -1][];
  unique: boolean;
  /** Whether every document holds only strings, numbers, null or nothing in its fields. */
  scalar: boolean;
}

const parse = <T>(text: string): T => JSON.parse(text) as T;

/**
 * One collection: a table of JSON documents in the order they were first written, expression indexes on the
 * fields the product's indexes name, and for single-field indexes a table of their values, each element of an
 * array on its own row. Queries are translated to SQL (see sql-filter.ts); what SQL cannot say exactly is
 * narrowed there and finished by mingo.
 */
class EmbeddedCollection<T extends ReadModelDocument> implements ReadModelCollection<T> {
  private readonly table: string;
  private readonly keysTable: string;
  private knowledge: FieldKnowledge | null = null;

  constructor(
    private readonly store: StoreFile,
    private readonly name: string,
    private exists: boolean,
    private readonly indexes: IndexEntry[],
  ) {
    this.table = collectionTable(name);
    this.keysTable = quoted(`rm:${name}:keys`);
  }

  private known(): FieldKnowledge {
    if (!this.knowledge) {
      const scalar = new Set(this.indexes.filter((index) => index.scalar).flatMap((index) => index.fields.map(([field]) => field)));
      const keyed = new Set(this.indexes.filter((index) => index.fields.length === 1 && index.fields[0][0] !== '_id').map((index) => index.fields[0][0]));
      this.knowledge = { scalar, keyed, keysTable: this.keysTable };
    }
    return this.knowledge;
  }

  private get keyedFields(): ReadonlySet<string> {
    return this.known().keyed;
  }

  private ensureTable(): void {
    if (this.exists) return;
    this.store.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (id TEXT NOT NULL UNIQUE, document TEXT NOT NULL)`);
    this.store.catalogue.addCollection.run(this.name);
    this.exists = true;
  }

  /**
   * The documents matching a filter, in the sort's order. SQL orders them when the sort's fields are known to hold
   * only what SQLite orders as MongoDB does, and pages them when the filter is exact; otherwise mingo sorts.
   */
  private select(filter: Filter, options: FindOptions = {}): T[] {
    if (!this.exists) return [];
    const known = this.known();
    const where = translateFilter(filter, known);
    const order = options.sort ? translateSort(options.sort, known.scalar) : 'rowid';
    const skip = options.skip ?? 0;
    const limit = options.limit ?? 0;
    const excluded = options.exclude?.length ? options.exclude : null;
    if (where.exact && order) {
      const column = excluded && excluded.every(isSimplePath) ? `json_remove(document, ${excluded.map((field) => `'${jsonPath(field)}'`).join(', ')})` : 'document';
      const paging = limit ? ' LIMIT ? OFFSET ?' : skip ? ' LIMIT -1 OFFSET ?' : '';
      const params = [...where.params, ...(limit ? [limit, skip] : skip ? [skip] : [])];
      const texts = this.store.column<string>(`SELECT ${column} FROM ${this.table} WHERE ${where.sql} ORDER BY ${order}${paging}`).all(...params);
      const found = texts.map((text) => parse<T>(text));
      return column === 'document' && excluded ? found.map((document) => without(document, excluded)) : found;
    }
    const query = new Query(filter as never);
    const found: T[] = [];
    let passed = 0;
    for (const text of this.store.column<string>(`SELECT document FROM ${this.table} WHERE ${where.sql} ORDER BY ${order ?? 'rowid'}`).iterate(...where.params)) {
      const document = parse<T>(text);
      if (!query.test(document as never)) continue;
      if (order && passed++ < skip) continue;
      found.push(document);
      if (order && limit && found.length === limit) break;
    }
    let result = found;
    if (!order) {
      let cursor = new Query({}).find<T>(found).sort(options.sort as Sort);
      if (skip) cursor = cursor.skip(skip);
      if (limit) cursor = cursor.limit(limit);
      result = cursor.all();
    }
    return excluded ? result.map((document) => without(document, excluded)) : result;
  }

  /** The first document a filter matches (by when it was first written), or only its id when that is all a write needs. */
  private firstMatch(filter: Filter, needDocument: boolean): { id: string; document: T | null } | null {
    if (!this.exists) return null;
    const where = translateFilter(filter, this.known());
    if (where.exact && !needDocument) {
      const id = this.store.column<string>(`SELECT id FROM ${this.table} WHERE ${where.sql} ORDER BY rowid LIMIT 1`).get(...where.params);
      return id === undefined ? null : { id, document: null };
    }
    const [document] = this.select(filter, { limit: 1 });
    return document ? { id: document._id, document } : null;
  }

  /** Writes a document's row, then what follows from it (see written). */
  private put(document: T, json: string, insert: boolean): void {
    this.ensureTable();
    const sql = insert
      ? `INSERT INTO ${this.table} (id, document) VALUES (?, ?)`
      : `INSERT INTO ${this.table} (id, document) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document`;
    try {
      this.store.statement(sql).run(document._id, json);
    } catch (error) {
      throw this.duplicateOr(error);
    }
    this.written(document);
  }

  /**
   * A guarded upsert by id, the projection's every write, in one statement: the filter's other conditions decide in
   * SQL whether the row there is replaced, and a row they refuse is a duplicate, as MongoDB answers. False when the
   * filter is not of that kind (or not exactly SQL), for the general way.
   */
  private upsertById(filter: Filter, replacement: T): boolean {
    const { _id: id, ...guard } = filter;
    if (typeof id !== 'string' || replacement._id !== id) return false;
    const where = translateFilter(guard, this.known());
    if (!where.exact) return false;
    this.ensureTable();
    const sql = `INSERT INTO ${this.table} (id, document) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET document = excluded.document WHERE ${where.sql}`;
    let changes: number;
    try {
      changes = this.store.statement(sql).run(id, JSON.stringify(replacement), ...where.params).changes;
    } catch (error) {
      throw this.duplicateOr(error);
    }
    if (changes === 0) throw new DuplicateKeyError(this.name, '_id');
    this.written(replacement);
    return true;
  }

  /** After a document's row: its listed values, and what its fields now hold. */
  private written(document: T): void {
    if (this.keyedFields.size > 0) this.listKeys(document, true);
    for (const index of this.indexes) {
      if (!index.scalar || index.fields.every(([field]) => field === '_id' || holdsScalarAt(document as unknown as AnyDocument, field))) continue;
      index.scalar = false;
      this.knowledge = null;
      this.store.catalogue.markNotScalar.run(this.name, index.name);
    }
  }

  private listKeys(document: T, replace: boolean): void {
    if (replace) this.store.statement(`DELETE FROM ${this.keysTable} WHERE id = ?`).run(document._id);
    const insert = this.store.statement(`INSERT INTO ${this.keysTable} (field, value, id) VALUES (?, ?, ?)`);
    for (const field of this.keyedFields) for (const value of keyValuesOf(document as unknown as AnyDocument, field)) insert.run(field, value, document._id);
  }

  private duplicateOr(error: unknown): unknown {
    const code = (error as { code?: string }).code;
    if (code !== 'SQLITE_CONSTRAINT_UNIQUE' && code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return error;
    const message = (error as Error).message;
    const index = this.indexes.find((each) => message.includes(`'rm:${this.name}:${each.name}:unique'`));
    return new DuplicateKeyError(this.name, index ? index.fields.map(([field]) => field).join('_') : '_id');
  }

  private updateNow(filter: Filter, modifiers: Update, upsert: boolean): UpdateResult {
    const { $setOnInsert, ...modifier } = modifiers as Update & { $setOnInsert?: AnyDocument };
    const current = this.firstMatch(filter, true);
    if (current) {
      const next = current.document as T;
      const changed = Object.keys(modifier).length > 0 ? applyUpdate(next, modifier) : [];
      if (changed.length > 0) this.put(next, JSON.stringify(next), false);
      return { matchedCount: 1, modifiedCount: changed.length > 0 ? 1 : 0, upsertedId: null };
    }
    if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedId: null };
    const inserted = structuredClone(equalitiesOf(filter)) as T;
    if ($setOnInsert) applyUpdate(inserted, { $set: $setOnInsert });
    if (Object.keys(modifier).length > 0) applyUpdate(inserted, modifier);
    if (typeof inserted._id !== 'string') throw new Error(`An upsert into ${this.name} needs a string _id in its filter or update`);
    this.put(inserted, JSON.stringify(inserted), true);
    return { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id };
  }

  private replaceNow(filter: Filter, replacement: T, upsert: boolean): void {
    if (upsert && this.upsertById(filter, replacement)) return;
    const current = this.firstMatch(filter, false);
    if (current) {
      const kept = replacement._id === current.id ? replacement : { ...replacement, _id: current.id };
      this.put(kept, JSON.stringify(kept), false);
      return;
    }
    if (!upsert) return;
    const seed = equalitiesOf(filter);
    const holdsSeed = Object.keys(seed).every((key) => (replacement as AnyDocument)[key] === seed[key]);
    const inserted = holdsSeed ? replacement : ({ ...seed, ...replacement } as T);
    this.put(inserted, JSON.stringify(inserted), true);
  }

  private deleteNow(filter: Filter): boolean {
    const current = this.firstMatch(filter, false);
    if (!current) return false;
    this.store.statement(`DELETE FROM ${this.table} WHERE id = ?`).run(current.id);
    if (this.keyedFields.size > 0) this.store.statement(`DELETE FROM ${this.keysTable} WHERE id = ?`).run(current.id);
    return true;
  }

  async insertOne(document: T): Promise<void> {
    const committed = this.store.writing();
    this.put(document, JSON.stringify(document), true);
    await committed;
  }

  async findOne(filter: Filter): Promise<T | null> {
    return this.select(filter, { limit: 1 })[0] ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.select(filter, options);
  }

  async countDocuments(filter: Filter): Promise<number> {
    if (!this.exists) return 0;
    const where = translateFilter(filter, this.known());
    if (where.exact) return this.store.column<number>(`SELECT count(*) FROM ${this.table} WHERE ${where.sql}`).get(...where.params) as number;
    return this.select(filter).length;
  }

  async updateOne(filter: Filter, modifier: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const committed = this.store.writing();
    const result = this.updateNow(filter, modifier, options.upsert ?? false);
    await committed;
    return result;
  }

  async deleteOne(filter: Filter): Promise<number> {
    const committed = this.store.writing();
    const deleted = this.deleteNow(filter);
    await committed;
    return deleted ? 1 : 0;
  }

  /** Applies every operation at once, in order, within the tick's transaction; resolves once it is committed. */
  async bulkWrite(operations: WriteOperation<T>[], options: BulkWriteOptions = {}): Promise<{ skipped: number }> {
    const committed = this.store.writing();
    let skipped = 0;
    for (const operation of operations) {
      try {
        if ('replaceOne' in operation) this.replaceNow(operation.replaceOne.filter, operation.replaceOne.replacement, operation.replaceOne.upsert ?? false);
        else if ('updateOne' in operation) this.updateNow(operation.updateOne.filter, operation.updateOne.update, operation.updateOne.upsert ?? false);
        else this.deleteNow(operation.deleteOne.filter);
      } catch (error) {
        if (!(options.skipDuplicates && error instanceof DuplicateKeyError)) throw error;
        skipped++;
      }
    }
    await committed;
    return { skipped };
  }

  async aggregate<R>(pipeline: Record<string, unknown>[]): Promise<R[]> {
    const first = pipeline[0] as { $match?: Filter } | undefined;
    return new Aggregator(pipeline as never).run(this.select(first?.$match ?? {})) as R[];
  }

  async drop(): Promise<void> {
    if (!this.exists) return;
    const committed = this.store.writing();
    this.store.db.exec(`DROP TABLE IF EXISTS ${this.table}; DROP TABLE IF EXISTS ${this.keysTable}`);
    this.store.catalogue.dropCollection.run(this.name);
    this.store.catalogue.dropIndexes.run(this.name);
    this.exists = false;
    this.indexes.length = 0;
    this.knowledge = null;
    await committed;
  }

  /**
   * An expression index over the fields (then the id, the tie-break of every order), which SQLite's planner reads
   * for equalities, ranges and sorts alike; with `unique`, a unique index beside it; with one field, its values
   * listed in the keys table too, for the arrays an expression cannot index.
   */
  async createIndex(keys: Sort, options: IndexOptions = {}): Promise<void> {
    const fields = Object.entries(keys) as [string, 1 | -1][];
    const bad = fields.find(([field]) => !isSimplePath(field));
    if (bad) throw new Error(`The embedded read-model store indexes fields named with letters, digits, _ and $ only, not ${bad[0]}`);
    const name = fields.map(([field, direction]) => `${field}_${direction}`).join('_');
    const existing = this.indexes.find((index) => index.name === name);
    if (existing && (existing.unique || !options.unique)) return;
    const committed = this.store.writing();
    this.ensureTable();
    const ordered = fields.some(([field]) => field === '_id') ? fields : [...fields, ['_id', 1] as [string, 1]];
    const terms = ordered.map(([field, direction]) => `${valueOf(field)}${direction === -1 ? ' DESC' : ''}`).join(', ');
    this.store.db.exec(`CREATE INDEX IF NOT EXISTS ${quoted(`rm:${this.name}:${name}`)} ON ${this.table} (${terms})`);
    if (options.unique) {
      // Unlike SQL's NULLs, MongoDB's missing values are equal to each other in a unique index: 'null' stands for both.
      const uniqueTerms = fields.map(([field]) => `ifnull(document -> '${jsonPath(field)}', 'null')`).join(', ');
      try {
        this.store.db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${quoted(`rm:${this.name}:${name}:unique`)} ON ${this.table} (${uniqueTerms})`);
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
        throw new DuplicateKeyError(this.name, fields.map(([field]) => field).join('_'));
      }
    }
    const others = fields.filter(([field]) => field !== '_id').map(([field]) => holdsOtherSql(field));
    const scalar = others.length === 0 || this.store.column<number>(`SELECT 1 FROM ${this.table} WHERE ${others.join(' OR ')} LIMIT 1`).get() === undefined;
    const entry: IndexEntry = { name, fields, unique: options.unique ?? false, scalar };
    if (existing) this.indexes.splice(this.indexes.indexOf(existing), 1);
    this.indexes.push(entry);
    this.knowledge = null;
    this.store.catalogue.addIndex.run(this.name, name, JSON.stringify(fields), entry.unique ? 1 : 0, scalar ? 1 : 0);
    if (fields.length === 1 && fields[0][0] !== '_id') this.listAllKeys();
    // The planner's statistics for the new index (a rebuild makes most of them last, over the whole generation).
    this.store.db.exec(`ANALYZE ${this.table}`);
    await committed;
  }

  /** Lists every document's values in the keys table afresh, after a single-field index was added. */
  private listAllKeys(): void {
    this.store.db.exec(`CREATE TABLE IF NOT EXISTS ${this.keysTable} (field TEXT NOT NULL, value, id TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS ${quoted(`rm:${this.name}:keys:value`)} ON ${this.keysTable} (field, value);
      CREATE INDEX IF NOT EXISTS ${quoted(`rm:${this.name}:keys:id`)} ON ${this.keysTable} (id);
      DELETE FROM ${this.keysTable};`);
    // Read whole before writing: the connection cannot write while a statement still reads.
    for (const text of this.store.column<string>(`SELECT document FROM ${this.table} ORDER BY rowid`).all()) this.listKeys(parse<T>(text), false);
  }
}

/** A copy of a document without the fields a reader excluded (a new object: deleting keys makes objects slow to read). */
function without<T>(document: T, excluded: string[]): T {
  const leave = new Set(excluded);
  const kept: AnyDocument = {};
  for (const key in document) if (!leave.has(key)) kept[key] = (document as AnyDocument)[key];
  return kept as T;
}

/** Statements of the catalogue: which collections exist and what their indexes are. */
interface Catalogue {
  addCollection: Database.Statement<[string]>;
  dropCollection: Database.Statement<[string]>;
  addIndex: Database.Statement<[string, string, string, number, number]>;
  markNotScalar: Database.Statement<[string, string]>;
  dropIndexes: Database.Statement<[string]>;
}

/** What the collections share: the connection, its prepared statements, and the transaction of the current tick. */
interface StoreFile {
  readonly db: Database.Database;
  readonly catalogue: Catalogue;
  statement(sql: string): Database.Statement;
  column<V>(sql: string): Database.Statement<unknown[], V>;
  /** Opens the tick's transaction if none is open; resolves once it is committed. */
  writing(): Committed;
}

/** Prepared statements kept; past this many (filters of many shapes), the cache starts afresh. */
const STATEMENTS_KEPT = 2000;
/** SQLite's page cache, the one cache of documents this process keeps: 32 MB, whatever the size of the file. */
const PAGE_CACHE_KIB = 32 * 1024;
/**
 * Rows ANALYZE samples per index: enough to tell a unit's or a case's few rows from a state's many, in well under a
 * second on a million-event file (without statistics SQLite read every open follow-up to find one case's).
 */
const ANALYSIS_LIMIT = 1000;
/** How often the statistics are brought up to date as the collections grow. */
const OPTIMIZE_EVERY_MS = 3_600_000;

/**
 * The embedded read-model store: every collection is a table of JSON documents in one SQLite file, queried in
 * SQL translated from MongoDB's language, so the process holds a page cache of bounded size rather than the
 * documents. Writes of the same tick share one transaction and one fsync, and each resolves only once committed;
 * reads in between see them, on the same connection.
 */
export class EmbeddedReadModelStore implements ReadModelStore, StoreFile {
  readonly db: Database.Database;
  readonly catalogue: Catalogue;
  readonly sharedAcrossProcesses = false;
  private readonly collections = new Map<string, EmbeddedCollection<ReadModelDocument>>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly columns = new Map<string, Database.Statement>();
  private readonly existing = new Set<string>();
  private readonly indexes = new Map<string, IndexEntry[]>();
  private committed: Committed | null = null;
  private optimizedAt = Date.now();

  constructor(file: string) {
    this.db = new Database(file);
    // A reflection's document is about 2 KB: on 4 KB pages one or two fit a page, and writing a rebuild's 34 MB
    // of them took twice as long as on 16 KB pages (0.6 s against 0.3 s). SQLite sets the size only on a file
    // not yet written; an older file keeps its pages.
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    this.db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS read_model_collections (name TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS read_model_indexes (collection TEXT NOT NULL, name TEXT NOT NULL, fields TEXT NOT NULL,
        is_unique INTEGER NOT NULL, scalar INTEGER NOT NULL, PRIMARY KEY (collection, name))`);
    this.catalogue = {
      addCollection: this.db.prepare('INSERT OR IGNORE INTO read_model_collections (name) VALUES (?)'),
      dropCollection: this.db.prepare('DELETE FROM read_model_collections WHERE name = ?'),
      addIndex: this.db.prepare('INSERT OR REPLACE INTO read_model_indexes (collection, name, fields, is_unique, scalar) VALUES (?, ?, ?, ?, ?)'),
      markNotScalar: this.db.prepare('UPDATE read_model_indexes SET scalar = 0 WHERE collection = ? AND name = ?'),
      dropIndexes: this.db.prepare('DELETE FROM read_model_indexes WHERE collection = ?'),
    };
    this.moveDocumentsOfEarlierReleases();
    for (const name of this.db.prepare('SELECT name FROM read_model_collections').pluck().all() as string[]) this.existing.add(name);
    const rows = this.db.prepare('SELECT collection, name, fields, is_unique, scalar FROM read_model_indexes').all() as { collection: string; name: string; fields: string; is_unique: number; scalar: number }[];
    for (const row of rows) {
      const entries = this.indexes.get(row.collection) ?? [];
      entries.push({ name: row.name, fields: JSON.parse(row.fields), unique: row.is_unique === 1, scalar: row.scalar === 1 });
      this.indexes.set(row.collection, entries);
    }
    this.db.pragma('optimize = 0x10002');
  }

  /**
   * Releases before this one kept every document in one table and held them in memory: each collection moves to a
   * table of its own, once, in the order its documents were written. Indexes are made again at start.
   */
  private moveDocumentsOfEarlierReleases(): void {
    const earlier = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'`).get();
    if (!earlier) return;
    this.db.transaction(() => {
      for (const name of this.db.prepare('SELECT DISTINCT collection FROM documents').pluck().all() as string[]) {
        const table = collectionTable(name);
        this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT NOT NULL UNIQUE, document TEXT NOT NULL)`);
        this.db.prepare(`INSERT INTO ${table} (id, document) SELECT id, document FROM documents WHERE collection = ? ORDER BY rowid`).run(name);
        this.catalogue.addCollection.run(name);
      }
      this.db.exec('DROP TABLE documents');
    })();
  }

  statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      if (this.statements.size >= STATEMENTS_KEPT) this.statements.clear();
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  column<V>(sql: string): Database.Statement<unknown[], V> {
    let prepared = this.columns.get(sql);
    if (!prepared) {
      if (this.columns.size >= STATEMENTS_KEPT) this.columns.clear();
      prepared = this.db.prepare(sql).pluck();
      this.columns.set(sql, prepared);
    }
    return prepared as Database.Statement<unknown[], V>;
  }

  writing(): Committed {
    if (this.committed) return this.committed;
    this.db.exec('BEGIN');
    const committed = new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        this.committed = null;
        try {
          this.db.exec('COMMIT');
          if (Date.now() - this.optimizedAt > OPTIMIZE_EVERY_MS) {
            this.optimizedAt = Date.now();
            this.db.pragma('optimize');
          }
          resolve();
        } catch (error) {
          if (this.db.inTransaction) this.db.exec('ROLLBACK');
          reject(error);
        }
      }),
    );
    // A writer that failed before awaiting the commit leaves it unwatched; the others still hear of a failure.
    committed.catch(() => undefined);
    this.committed = committed;
    return committed;
  }

  collection<T extends ReadModelDocument>(name: string): ReadModelCollection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      const indexes = this.indexes.get(name) ?? [];
      this.indexes.set(name, indexes);
      collection = new EmbeddedCollection(this, name, this.existing.has(name), indexes);
      this.collections.set(name, collection);
    }
    return collection as unknown as ReadModelCollection<T>;
  }

  /**
   * Rewrites the file without its free pages and empties the WAL: bytes of documents deleted earlier (keys kept
   * here by an earlier release) are then in no file at all.
   */
  async compact(): Promise<void> {
    await this.committed;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    await this.committed;
    this.db.close();
  }
}
