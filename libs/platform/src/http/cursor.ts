import { invalid } from '@integrity/domain';

/** An opaque page cursor: the sort value and id of the last item served. */
export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded.every((part) => typeof part === 'string')) return decoded as [string, string];
  } catch {
    // falls through to the error below
  }
  throw invalid('INVALID_CURSOR', 'cursor', 'cursor is not one this API gave out');
}

/** The filter for the items after a cursor, in the order of `field` (then _id) ascending or descending. */
export function afterCursor(cursor: string | undefined, field: string, direction: 1 | -1): Record<string, unknown> {
  if (!cursor) return {};
  const [value, id] = decodeCursor(cursor);
  const beyond = direction === 1 ? '$gt' : '$lt';
  return { $or: [{ [field]: { [beyond]: value } }, { [field]: value, _id: { [beyond]: id } }] };
}

/** The next cursor when a page is full (one more item than the page was asked for). */
export function page<T extends Record<string, unknown> & { _id: string }>(found: T[], limit: number, field: string): { items: T[]; nextCursor: string | null } {
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: found.length > limit && last ? encodeCursor(String(last[field]), last._id) : null };
}

/** Chinese has no spaces: words in the summary are found as substrings. */
export function containing(text: string): { $regex: string } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') };
}
