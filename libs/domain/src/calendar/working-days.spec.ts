import { TAIWAN_OFFICE_CALENDAR } from './taiwan-office-calendar';
import { addCalendarDays, addWorkingDays, daysBetween, isWorkingDay } from './working-days';

const calendar = TAIWAN_OFFICE_CALENDAR;

describe('working days of Taiwan’s government offices', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-11-27', 1, calendar)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-27', 7, calendar)).toBe('2026-12-08');
  });

  it('skips holidays: routing on the Friday before Teachers’ Day weekend', () => {
    expect(isWorkingDay('2026-09-28', calendar)).toBe(false);
    expect(addWorkingDays('2026-09-24', 1, calendar)).toBe('2026-09-29'); // Thu → (Fri 中秋, weekend, Mon 教師節) → Tue
  });

  it('skips the whole Lunar New Year break', () => {
    expect(addWorkingDays('2026-02-13', 1, calendar)).toBe('2026-02-23');
  });

  it('counts make-up working days as working days', () => {
    const withMakeUp = { years: [2026], daysOff: [], makeUpWorkingDays: ['2026-11-28'] };
    expect(addWorkingDays('2026-11-27', 1, withMakeUp)).toBe('2026-11-28');
  });

  it('moves a calendar-day deadline that ends on a day off to the next working day', () => {
    expect(addCalendarDays('2026-11-27', 30, calendar)).toBe('2026-12-28'); // 12/27 is a Sunday
    expect(addCalendarDays('2026-11-26', 30, calendar)).toBe('2026-12-28'); // 12/26 Saturday → Monday
    expect(addCalendarDays('2026-11-24', 30, calendar)).toBe('2026-12-24');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-11-27', '2026-12-08')).toBe(11);
    expect(daysBetween('2026-12-08', '2026-11-27')).toBe(-11);
  });
});
