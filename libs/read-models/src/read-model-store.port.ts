export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');

/** Documents are plain JSON with a string `_id`; dates are ISO strings. */
export interface ReadModelDocument {
  _id: string;
}

/** Queries, sorts and updates are written once, in MongoDB's own language; every adapter evaluates that language. */
export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: Sort;
  skip?: number;
  limit?: number;
  /** Fields to leave out of the results, as in a MongoDB exclusion projection. */
  exclude?: string[];
}

/** MongoDB's bulk write operations, applied in order. */
export type WriteOperation<T extends ReadModelDocument> =
  | { replaceOne: { filter: Filter; replacement: T; upsert?: boolean } }
  | { updateOne: { filter: Filter; update: Update; upsert?: boolean } }
  | { deleteOne: { filter: Filter } };

export interface BulkWriteOptions {
  /**
   * A duplicate key refused by a unique index (a stale guarded upsert) skips that operation instead of failing.
   * The operations are guarded writes, whose order does not matter: a store may apply them in any order.
   */
  skipDuplicates?: boolean;
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId: string | null;
}

export interface IndexOptions {
  unique?: boolean;
}

/** A unique index refused a write. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`A document with the same ${key} already exists in ${collection}`);
    this.name = 'DuplicateKeyError';
  }
}

export interface ReadModelCollection<T extends ReadModelDocument> {
  insertOne(document: T): Promise<void>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter: Filter): Promise<number>;
  /** Updates the first match; with `upsert`, inserts the filter's equalities plus the update when none matches. */
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<number>;
  /** Applies the operations in order (any order with `skipDuplicates`); answers how many were skipped as duplicates. */
  bulkWrite(operations: WriteOperation<T>[], options?: BulkWriteOptions): Promise<{ skipped: number }>;
  /** An aggregation pipeline in MongoDB's language. */
  aggregate<R>(pipeline: Record<string, unknown>[]): Promise<R[]>;
  createIndex(keys: Sort, options?: IndexOptions): Promise<void>;
  /** Removes the collection and its documents. */
  drop(): Promise<void>;
}

/** Every adapter passes `test/contract/read-model-store.contract-spec.ts`. */
export interface ReadModelStore {
  collection<T extends ReadModelDocument>(name: string): ReadModelCollection<T>;
  /** Whether documents written by another process are seen here; false for the in-process embedded store. */
  readonly sharedAcrossProcesses: boolean;
  close(): Promise<void>;
}
