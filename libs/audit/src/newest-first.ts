import type { EventStore, RecordedEvent, SubscriptionOptions } from '@integrity/event-store';

const PAGE = 2000;

/** Every event of the log (or of some categories), read through in pages. */
export async function everyEvent(store: EventStore, options: SubscriptionOptions = {}): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let after: bigint | null = null; ; ) {
    const page = await store.readAll(after, PAGE, options);
    if (page.length === 0) return all;
    all.push(...page);
    after = page[page.length - 1].position;
  }
}

/** A page of records, newest first, after the cursor (the position of the last one served). */
export function pageNewestFirst<T extends { position: string }>(records: T[], limit: number, cursor: string | undefined): { items: T[]; nextCursor: string | null } {
  const older = cursor === undefined ? records : records.filter((record) => BigInt(record.position) < BigInt(cursor));
  const sorted = [...older].sort((a, b) => (BigInt(b.position) > BigInt(a.position) ? 1 : -1));
  const items = sorted.slice(0, limit);
  return { items, nextCursor: sorted.length > limit ? items[items.length - 1].position : null };
}
