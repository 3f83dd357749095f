import { medianOfTally } from './median';

const tallyOf = (values: number[]) => values.reduce<Record<string, number>>((tally, value) => ({ ...tally, [value]: (tally[value] ?? 0) + 1 }), {});

/** The median as a textbook sorts for it. */
function sortedMedian(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe('medianOfTally', () => {
  it('is the middle value in numeric order, not text order', () => expect(medianOfTally(tallyOf([1, 2, 10, 12, 30]))).toBe(10));
  it('is the mean of the two middle values of an even count', () => expect(medianOfTally(tallyOf([3, 9, 10, 11]))).toBe(9.5));
  it('counts repeated values as often as they occur', () => expect(medianOfTally({ 2: 3, 40: 2 })).toBe(2));
  it('is nothing for no values', () => expect(medianOfTally({})).toBeNull());
  it('equals the sorted median of the same values', () => {
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let run = 0; run < 200; run++) {
      const values = Array.from({ length: 1 + (next() % 40) }, () => next() % 25);
      expect([values, medianOfTally(tallyOf(values))]).toEqual([values, sortedMedian(values)]);
    }
  });
});
