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

async function translatingDuplicates<R>(collection: string, write: () => Promise<R>): Promise<R> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
      throw new DuplicateKeyError(collection, Object.keys(error.keyPattern ?? { _id: 1 }).join('_'));
    }
    throw error;
  }
}

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

  updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return translatingDuplicates(this.collection.collectionName, async () => {
      const result = await this.collection.updateOne(filter, update, { upsert: options.upsert ?? false });
      return {
        matchedCount: result.matchedCount,
        modifiedCount: result.modifiedCount,
        upsertedId: result.upsertedId === null ? null : String(result.upsertedId),
      };
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.collection.deleteOne(filter)).deletedCount;
  }

  /**
   * Ordered, so operations on one document keep their order. An ordered bulk write stops at its first error:
   * with skipDuplicates, a duplicate key is counted and the rest is sent again.
   */
  async bulkWrite(operations: WriteOperation<T>[], options: BulkWriteOptions = {}): Promise<{ skipped: number }> {
    let skipped = 0;
    let rest = operations as unknown as AnyBulkWriteOperation<ReadModelDocument>[];
    while (rest.length > 0) {
      try {
        await this.collection.bulkWrite(rest, { ordered: true });
        return { skipped };
      } catch (error) {
        const failed = error instanceof MongoBulkWriteError ? [error.writeErrors].flat()[0] : undefined;
        if (!options.skipDuplicates || !failed || failed.code !== DUPLICATE_KEY) {
          if (failed?.code === DUPLICATE_KEY) throw new DuplicateKeyError(this.collection.collectionName, '_id');
          throw error;
        }
        skipped++;
        rest = rest.slice(failed.index + 1);
      }
    }
    return { skipped };
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

  constructor(uri: string) {
    this.client = new MongoClient(uri);
    this.db = this.client.db();
  }

  collection<T extends ReadModelDocument>(name: string): ReadModelCollection<T> {
    return new MongoCollection<T>(this.db.collection<ReadModelDocument>(name));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
