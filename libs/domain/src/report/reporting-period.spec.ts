import { periodOf, periodStartingOn, rocReportMonth, rocStatisticsPeriod } from './reporting-period';

describe('reporting periods', () => {
  it('cuts the calendar into 14 days from the anchor', () => {
    expect(periodOf('2026-01-05')).toEqual({ start: '2026-01-05', end: '2026-01-18' });
    expect(periodOf('2026-01-18')).toEqual({ start: '2026-01-05', end: '2026-01-18' });
    expect(periodOf('2026-01-19')).toEqual({ start: '2026-01-19', end: '2026-02-01' });
    expect(periodOf('2026-11-27')).toEqual({ start: '2026-11-23', end: '2026-12-06' });
    expect(periodOf('2026-12-01')).toEqual({ start: '2026-11-23', end: '2026-12-06' });
    expect(periodOf('2026-01-04')).toEqual({ start: '2025-12-22', end: '2026-01-04' });
    expect(periodOf('2026-12-01', '2026-01-06')).toEqual({ start: '2026-11-24', end: '2026-12-07' });
  });

  it('knows which days start a period', () => {
    expect(periodStartingOn('2026-12-07')).toEqual({ start: '2026-12-07', end: '2026-12-20' });
    expect(() => periodStartingOn('2026-11-27')).toThrow(expect.objectContaining({ code: 'NOT_A_PERIOD_START', field: 'periodStart' }));
  });

  it('labels periods in the ROC calendar as Attachment 2 does', () => {
    expect(rocStatisticsPeriod({ start: '2026-11-02', end: '2026-11-15' })).toBe('115年11月2-15日');
    expect(rocStatisticsPeriod({ start: '2026-11-23', end: '2026-12-06' })).toBe('115年11月23日-12月6日');
    expect(rocStatisticsPeriod({ start: '2026-12-28', end: '2027-01-10' })).toBe('115年12月28日-116年1月10日');
    expect(rocReportMonth({ start: '2026-11-23', end: '2026-12-06' })).toBe('115年12月');
  });
});
