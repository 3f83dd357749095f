import { positionKey, type Filter, type ReadModelCollection } from '@integrity/read-models';

/**
 * A page of a list kept by log position (`_id` is the position key), newest first, after the cursor (the position
 * of the last one served): one indexed read, however long the list.
 */
export async function pageNewestFirst<T extends { _id: string; position: string }>(
  collection: ReadModelCollection<T>,
  filter: Filter,
  limit: number,
  cursor: string | undefined,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const before = cursor === undefined ? {} : { _id: { $lt: positionKey(BigInt(cursor)) } };
  const found = await collection.find({ ...filter, ...before }, { sort: { _id: -1 }, limit: limit + 1 });
  const items = found.slice(0, limit);
  return { items, nextCursor: found.length > limit ? items[items.length - 1].position : null };
}

/** An instant range on an ISO-8601 field (every stored instant is UTC with milliseconds, so strings compare as instants). */
export function between(field: string, from: Date | null, to: Date | null): Filter {
  if (!from && !to) return {};
  return { [field]: { ...(from ? { $gte: from.toISOString() } : {}), ...(to ? { $lte: to.toISOString() } : {}) } };
}
