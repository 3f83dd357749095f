import { assertNotInFuture, isCalendarDate, rocDateText, rocParts, taipeiDateOf } from './taipei-date';

describe('Asia/Taipei dates', () => {
  it('takes the Taipei calendar date of an instant recorded in UTC the day before', () => {
    expect(taipeiDateOf(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
    expect(taipeiDateOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('refuses a date after today in Taipei but accepts today', () => {
    const now = new Date('2026-11-30T16:30:00Z'); // already 1 December in Taipei
    expect(() => assertNotInFuture('2026-12-01', now, 'receivedOn', 'RECEIVED_ON_IN_FUTURE')).not.toThrow();
    expect(() => assertNotInFuture('2026-12-02', now, 'receivedOn', 'RECEIVED_ON_IN_FUTURE')).toThrow(
      expect.objectContaining({ code: 'RECEIVED_ON_IN_FUTURE', field: 'receivedOn' }),
    );
  });

  it('labels dates in the ROC calendar', () => {
    expect(rocDateText('2026-11-27')).toBe('115年11月27日');
    expect(rocParts('2027-01-01')).toEqual({ year: 116, month: 1, day: 1 });
  });
});
