import type { RecordedEvent } from './event-envelope';
import type { EventStore, SubscriptionOptions } from './event-store.port';

export interface LogReadOptions extends SubscriptionOptions {
  /** Read from after this position (null: from the start). */
  after?: bigint | null;
  pageSize?: number;
}

/**
 * The log after a position, a page at a time in log order, each page one read of the store (filtered by category
 * on the server where the store can). Every reader of the whole log goes through here: rebuilds, identity, keys,
 * audit checkpoints and verification, migration.
 */
export async function* logPages(store: EventStore, { after = null, pageSize = 1000, categories }: LogReadOptions = {}): AsyncGenerator<RecordedEvent[]> {
  for (;;) {
    const page = await store.readAll(after, pageSize, { categories });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].position;
  }
}
