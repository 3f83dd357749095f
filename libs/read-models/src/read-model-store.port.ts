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
  createIndex(keys: Sort, options?: IndexOptions): Promise<void>;
}

/** Every adapter passes `test/contract/read-model-store.contract-spec.ts`. */
export interface ReadModelStore {
  collection<T extends ReadModelDocument>(name: string): ReadModelCollection<T>;
  close(): Promise<void>;
}
