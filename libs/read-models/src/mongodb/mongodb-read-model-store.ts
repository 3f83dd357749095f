import { MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
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
    let cursor = this.collection.find(filter);
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

  async createIndex(keys: Sort, options: IndexOptions = {}): Promise<void> {
    await translatingDuplicates(this.collection.collectionName, () => this.collection.createIndex(keys, { unique: options.unique ?? false }));
  }
}

/** Read models in MongoDB (`MONGODB_URI`; the database is the one the URI names). */
export class MongoDbReadModelStore implements ReadModelStore {
  private readonly client: MongoClient;
  private readonly db: Db;

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
