import { median } from './median';

describe('median', () => {
  it('is the middle value in numeric order, not text order', () => expect(median([1, 2, 10, 12, 30])).toBe(10));
  it('is the mean of the two middle values of an even count', () => expect(median([3, 9, 10, 11])).toBe(9.5));
  it('is nothing for no values', () => expect(median([])).toBeNull());
  it('does not reorder what it was given', () => {
    const values = [30, 1, 12];
    expect(median(values)).toBe(12);
    expect(values).toEqual([30, 1, 12]);
  });
});
