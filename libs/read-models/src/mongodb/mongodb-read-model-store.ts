import { MongoBulkWriteError, MongoClient, MongoServerError, type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
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

const DUPLICATE_KEY = 11000;

/** MongoDB refused a write on a unique index (E11000). */
export const isDuplicateKey = (error: unknown): error is MongoServerError => error instanceof MongoServerError && error.code === DUPLICATE_KEY;
const keyOf = (error: MongoServerError) => Object.keys(error.keyPattern ?? { _id: 1 }).join('_');

async function translatingDuplicates<R>(collection: string, write: () => Promise<R>): Promise<R> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKey(error)) throw new DuplicateKeyError(collection, keyOf(error));
    throw error;
  }
}

/**
 * Every write waits until a majority of the replica set has it in its journal: an acknowledged personal-data key,
 * idempotency record or checkpoint survives the loss of the primary. Not forever: a majority out of reach for 10 s
 * (an election, a lagging secondary) fails the write, which every writer here may repeat. The check at start (checkServer) refuses to run
 * under any other write concern, should the URI override this one.
 */
export const MONGODB_WRITE_CONCERN = { w: 'majority', journal: true, wtimeoutMS: 10_000 } as const;
export const OLDEST_SUPPORTED_MONGODB = 7;

class MongoCollection<T extends ReadModelDocument> implements ReadModelCollection<T> {
  constructor(private readonly collection: Collection<ReadModelDocument>) {}

  insertOne(document: T): Promise<void> {
    return translatingDuplicates(this.collection.collectionName, async () => void (await this.collection.insertOne({ ...document })));
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.collection.findOne(filter)) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const projection = options.exclude?.length ? Object.fromEntries(options.exclude.map((field) => [field, 0])) : undefined;
    let cursor = this.collection.find(filter, { projection });
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  countDocuments(filter: Filter): Promise<number> {
    return this.collection.countDocuments(filter);
  }

  /**
   * Two upserts racing on a missing document both insert, and the server retries the loser only when the duplicate
   * key is the whole query; so the loser retries once as a plain guarded update, which lands if it is still newer.
   */
  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const updateWith = async (upsert: boolean) => {
      const result = await this.collection.updateOne(filter, update, { upsert });
      return {
        matchedCount: result.matchedCount,
        modifiedCount: result.modifiedCount,
        upsertedId: result.upsertedId === null ? null : String(result.upsertedId),
      };
    };
    try {
      return await updateWith(options.upsert ?? false);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const retried = options.upsert ? await updateWith(false) : null;
      if (!retried || retried.matchedCount === 0) throw new DuplicateKeyError(this.collection.collectionName, keyOf(error));
      return retried;
    }
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.collection.deleteOne(filter)).deletedCount;
  }

  /**
   * Ordered, so operations on one document keep their order. An ordered bulk write stops at its first error. With
   * skipDuplicates, a guarded upsert refused as a duplicate is retried once as a plain guarded replace (it may
   * have lost a race to an older writer), counted as skipped only if its guard still fails, and the rest is sent again.
   */
  async bulkWrite(operations: WriteOperation<T>[], options: BulkWriteOptions = {}): Promise<{ skipped: number }> {
    if (operations.length === 0) return { skipped: 0 };
    const writes = operations as unknown as AnyBulkWriteOperation<ReadModelDocument>[];
    // Guarded writes do not depend on their order: sent unordered, the server goes on past a duplicate, so a batch
    // applied again costs two round trips, not one per document.
    try {
      await this.collection.bulkWrite(writes, { ordered: !options.skipDuplicates });
      return { skipped: 0 };
    } catch (error) {
      const failures = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : [];
      if (failures.length === 0 || failures.some((failure) => failure.code !== DUPLICATE_KEY)) throw error;
      const stale = failures.map((failure) => operations[failure.index]).flatMap((operation) => ('replaceOne' in operation ? [operation] : []));
      if (!options.skipDuplicates || stale.length < failures.length) throw new DuplicateKeyError(this.collection.collectionName, '_id');
      // A guarded upsert whose document is newer, or was inserted by another writer meanwhile: replaced where
      // its guard holds now, skipped where it does not.
      const retries = stale.map((operation) => ({ replaceOne: { filter: operation.replaceOne.filter, replacement: operation.replaceOne.replacement } }));
      const retried = await this.collection.bulkWrite(retries as unknown as AnyBulkWriteOperation<ReadModelDocument>[], { ordered: false });
      return { skipped: retries.length - retried.matchedCount };
    }
  }

  async aggregate<R>(pipeline: Record<string, unknown>[]): Promise<R[]> {
    return (await this.collection.aggregate(pipeline, { allowDiskUse: true }).toArray()) as R[];
  }

  async drop(): Promise<void> {
    await this.collection.drop().catch((error: unknown) => {
      if (!(error instanceof MongoServerError && error.codeName === 'NamespaceNotFound')) throw error;
    });
  }

  async createIndex(keys: Sort, options: IndexOptions = {}): Promise<void> {
    await translatingDuplicates(this.collection.collectionName, () => this.collection.createIndex(keys, { unique: options.unique ?? false }));
  }
}

/** Read models in MongoDB (`MONGODB_URI`; the database is the one the URI names). */
export class MongoDbReadModelStore implements ReadModelStore {
  private readonly client: MongoClient;
  private readonly db: Db;
  readonly sharedAcrossProcesses = true;

  /** `database`: another than the connection string names (the personal-data keys' own, on the same server). */
  constructor(uri: string, database?: string) {
    this.client = new MongoClient(uri, { writeConcern: MONGODB_WRITE_CONCERN });
    this.db = this.client.db(database);
  }

  /**
   * At start, before anything is served: MongoDB 7.0 or later (the `$median` and `$percentile` era, and the
   * version the pipelines are written against), and the write concern in force is majority with journal.
   */
  async checkServer(): Promise<void> {
    const { version } = (await this.db
      .admin()
      .command({ buildInfo: 1 })
      .catch((error: unknown) => {
        throw new Error(`MongoDB (MONGODB_URI) does not answer: ${error instanceof Error ? error.message : String(error)}`);
      })) as { version: string };
    const major = Number(/^(\d+)\./.exec(version)?.[1] ?? 0);
    if (major < OLDEST_SUPPORTED_MONGODB) throw new Error(`MongoDB ${version} is not supported: use ${OLDEST_SUPPORTED_MONGODB}.0 or later`);
    const concern = this.db.writeConcern;
    if (concern?.w !== MONGODB_WRITE_CONCERN.w || concern.journal !== true) {
      throw new Error(`The MongoDB write concern in force is ${JSON.stringify(concern ?? {})}, not {"w":"majority","journal":true}: remove w, journal or j from MONGODB_URI`);
    }
  }

  collection<T extends ReadModelDocument>(name: string): ReadModelCollection<T> {
    return new MongoCollection<T>(this.db.collection<ReadModelDocument>(name));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
