/**
 * The median of whole numbers: the middle value, or the mean of the two middle values of an even count. Computed
 * here rather than by the store: MongoDB's `$median` is approximate, and the embedded store's sorts numbers as text.
 */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
