import { assertCalendarDate, rocParts } from '../calendar/taipei-date';
import { addDays, daysBetween } from '../calendar/working-days';
import { invalid } from '../core/domain-error';

/** Every two weeks each unit reports (每隔二週): 14 Asia/Taipei days counted from an anchor Monday. */
export const PERIOD_DAYS = 14;
export const DEFAULT_PERIOD_ANCHOR = '2026-01-05';

export interface ReportingPeriod {
  start: string;
  end: string;
}

/** The period a Taipei date belongs to. */
export function periodOf(date: string, anchor: string = DEFAULT_PERIOD_ANCHOR): ReportingPeriod {
  const index = Math.floor(daysBetween(anchor, date) / PERIOD_DAYS);
  const start = addDays(anchor, index * PERIOD_DAYS);
  return { start, end: addDays(start, PERIOD_DAYS - 1) };
}

/** The period starting on `start`, refused when no period starts that day. */
export function periodStartingOn(start: string, anchor: string = DEFAULT_PERIOD_ANCHOR): ReportingPeriod {
  assertCalendarDate(start, 'periodStart');
  const period = periodOf(start, anchor);
  if (period.start !== start) throw invalid('NOT_A_PERIOD_START', 'periodStart', `No reporting period starts on ${start}; the one holding it starts on ${period.start}`);
  return period;
}

/** The report's ROC year and month (○年○月), taken from the last day of the period. */
export function rocReportMonth({ end }: ReportingPeriod): string {
  const { year, month } = rocParts(end);
  return `${year}年${month}月`;
}

/** 資料統計期間, as Attachment 2 writes it: 115年11月2-15日, or 115年11月16日-11月29日 across months. */
export function rocStatisticsPeriod({ start, end }: ReportingPeriod): string {
  const from = rocParts(start);
  const to = rocParts(end);
  if (from.year !== to.year) return `${from.year}年${from.month}月${from.day}日-${to.year}年${to.month}月${to.day}日`;
  if (from.month !== to.month) return `${from.year}年${from.month}月${from.day}日-${to.month}月${to.day}日`;
  return `${from.year}年${from.month}月${from.day}-${to.day}日`;
}
