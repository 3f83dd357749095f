import { MongoClient, type Collection } from 'mongodb';
import { isDuplicateKey, MONGODB_WRITE_CONCERN } from '@integrity/read-models';
import type { Lease } from '../lease.port';

interface LeaseDocument {
  _id: string;
  holder: string;
  expiresAt: Date;
  /** Greater at every change of hands (see Lease.hold); absent on a lease from before epochs. */
  epoch?: number;
}

/**
 * The lease as a document in MongoDB, in the read models' database. `$$NOW` is the server's clock, so expiry does
 * not depend on the holders' clocks; whether a holder takes it is decided within one update of the document.
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

  async hold(holder: string, ttlMs: number): Promise<number | null> {
    // Decided inside the one update, on the server's clock: take it when it is this holder's, lapsed or new. One
    // $set, so every field is computed from the lease as it was.
    const lapsed = { $lt: [{ $ifNull: ['$expiresAt', new Date(0)] }, '$$NOW'] };
    const takes = { $or: [{ $eq: ['$holder', holder] }, lapsed] };
    // Extended, the epoch stays; taken afresh, it becomes one more than before and at least the server's clock in ms.
    const extends_ = { $and: [{ $eq: ['$holder', holder] }, { $not: [lapsed] }, { $isNumber: '$epoch' }] };
    const fresh = { $max: [{ $add: [{ $ifNull: ['$epoch', 0] }, 1] }, { $toLong: '$$NOW' }] };
    try {
      const lease = await this.leases.findOneAndUpdate(
        { _id: this.name },
        [
          {
            $set: {
              holder: { $cond: [takes, holder, '$holder'] },
              expiresAt: { $cond: [takes, { $add: ['$$NOW', Math.ceil(ttlMs)] }, '$expiresAt'] },
              epoch: { $cond: [takes, { $cond: [extends_, '$epoch', fresh] }, '$epoch'] },
            },
          },
        ],
        // As the read models' writes: a lease acknowledged survives the loss of the primary.
        { upsert: true, returnDocument: 'after', writeConcern: MONGODB_WRITE_CONCERN },
      );
      return lease?.holder === holder ? Number(lease.epoch) : null;
    } catch (error) {
      // Two holders creating the lease at once: the other one's insert won.
      if (isDuplicateKey(error)) return null;
      throw error;
    }
  }

  async release(holder: string): Promise<void> {
    await this.leases.deleteOne({ _id: this.name, holder }, { writeConcern: MONGODB_WRITE_CONCERN });
  }

  async holder(): Promise<string | null> {
    const lease = await this.leases.findOne({ _id: this.name, $expr: { $gte: ['$expiresAt', '$$NOW'] } });
    return lease?.holder ?? null;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
