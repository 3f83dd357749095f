import type { EventChain } from '../event-envelope';
import { logPages } from '../log-reader';
import type { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { eventHash, GENESIS_HASH } from './event-hash';

const PAGE = 2000;

/**
 * Chains, once, the events a SQLite log recorded before the hash chain existed: each stream's chain computed in
 * revision order from its first event, written only where an event has none. Answers how many were chained
 * (the caller logs it and records the migration in the log). An event already chained is never changed.
 */
export async function chainUnchainedEvents(store: SqliteEventStore): Promise<{ chained: number; upTo: bigint | null }> {
  if (store.unchainedCount() === 0) return { chained: 0, upTo: null };
  const heads = new Map<string, string>();
  let after: bigint | null = null;
  let chained = 0;
  for await (const page of logPages(store, { pageSize: PAGE })) {
    const missing: { position: bigint; chain: EventChain }[] = [];
    for (const event of page) {
      const prevHash = heads.get(event.streamId) ?? GENESIS_HASH;
      const chain = event.chain ?? { prevHash, hash: eventHash(event, prevHash) };
      if (!event.chain) missing.push({ position: event.position, chain });
      heads.set(event.streamId, chain.hash);
    }
    chained += store.setMissingChains(missing);
    after = page[page.length - 1].position;
  }
  return { chained, upTo: after };
}
