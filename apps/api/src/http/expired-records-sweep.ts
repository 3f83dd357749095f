import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@integrity/domain';
import { READ_MODEL_STORE, type ReadModelDocument, type ReadModelStore } from '@integrity/read-models';

const EVERY_MS = 60 * 60 * 1000;
/** A client retries within minutes: a day's memory of its Idempotency-Keys is plenty. */
const IDEMPOTENCY_KEPT_MS = 24 * 60 * 60 * 1000;
const BATCH = 1000;

/**
 * Records that only matter for a while are removed once they no longer do, so they do not pile up: answers kept
 * for Idempotency-Key retries after a day, and signed-out tokens once they would have expired anyway.
 */
@Injectable()
export class ExpiredRecordsSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpiredRecordsSweep');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The sweep's own indexes. Not MongoDB TTL indexes: those expire only BSON dates, and documents hold ISO strings
   * (the port's JSON), so one sweep serves both stores alike.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.store.collection('idempotency_records').createIndex({ startedAt: 1 });
    await this.store.collection('revoked_tokens').createIndex({ expiresAt: 1 });
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    const now = this.clock.now().getTime();
    try {
      const removed =
        (await this.remove('idempotency_records', { startedAt: { $lt: new Date(now - IDEMPOTENCY_KEPT_MS).toISOString() } })) +
        // A token's expiry is checked against real time (the JWT library's), so its record is swept by real time too.
        (await this.remove('revoked_tokens', { expiresAt: { $lt: new Date().toISOString() } }));
      if (removed > 0) this.logger.log(`Removed ${removed} expired record(s)`);
      return removed;
    } catch (error) {
      this.logger.error(`Sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  private async remove(collection: string, filter: Record<string, unknown>): Promise<number> {
    const records = this.store.collection<ReadModelDocument>(collection);
    let removed = 0;
    for (;;) {
      const expired = await records.find(filter, { limit: BATCH });
      if (expired.length === 0) return removed;
      await records.bulkWrite(expired.map((record) => ({ deleteOne: { filter: { _id: record._id } } })));
      removed += expired.length;
      if (expired.length < BATCH) return removed;
    }
  }
}
