import { MongoClient, MongoServerError, type Collection } from 'mongodb';
import type { Lease } from '../lease.port';

const DUPLICATE_KEY = 11000;
/** As the read models' writes: a lease acknowledged survives the loss of the primary. */
const WRITE_CONCERN = { w: 'majority', journal: true } as const;

interface LeaseDocument {
  _id: string;
  holder: string;
  expiresAt: Date;
}

/**
 * The lease as a document in MongoDB, in the read models' database. `$$NOW` is the server's clock, so expiry does
 * not depend on the holders' clocks. Taking a lease another holds matches nothing, and the upsert's insert then
 * fails on the unique `_id`: that refusal is the answer "not yours".
 */
export class MongoDbLease implements Lease {
  private readonly client: MongoClient;
  private readonly leases: Collection<LeaseDocument>;

  constructor(
    uri: string,
    private readonly name: string,
  ) {
    this.client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
    this.leases = this.client.db().collection<LeaseDocument>('worker_leases');
  }

  async hold(holder: string, ttlMs: number): Promise<boolean> {
    try {
      const result = await this.leases.updateOne(
        { _id: this.name, $or: [{ holder }, { $expr: { $lt: ['$expiresAt', '$$NOW'] } }] },
        [{ $set: { holder, expiresAt: { $add: ['$$NOW', Math.ceil(ttlMs)] } } }],
        { upsert: true, writeConcern: WRITE_CONCERN },
      );
      return result.matchedCount + result.upsertedCount === 1;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async release(holder: string): Promise<void> {
    await this.leases.deleteOne({ _id: this.name, holder }, { writeConcern: WRITE_CONCERN });
  }

  async holder(): Promise<string | null> {
    const lease = await this.leases.findOne({ _id: this.name, $expr: { $gte: ['$expiresAt', '$$NOW'] } });
    return lease?.holder ?? null;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
