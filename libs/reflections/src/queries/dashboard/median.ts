/**
 * The median of whole numbers given as how many times each occurs: the middle value, or the mean of the two
 * middle values of an even count. Computed here rather than by the store: MongoDB's `$median` is approximate,
 * and the embedded store sorts numbers as text.
 */
export function medianOfTally(tally: Record<string, number>): number | null {
  const values = Object.entries(tally)
    .map(([value, count]) => [Number(value), count] as const)
    .sort(([a], [b]) => a - b);
  const total = values.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  /** The value at a place (from 0) in the sorted values. */
  const at = (place: number) => {
    let seen = 0;
    for (const [value, count] of values) {
      seen += count;
      if (place < seen) return value;
    }
    throw new Error('unreachable: place beyond the count');
  };
  const middle = Math.floor(total / 2);
  return total % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}
