import { invalid } from '../core/domain-error';

/**
 * The dates the product takes: from the day the Agency Against Corruption was founded (民國100年7月20日), before
 * which no unit kept a record of this programme, to the end of 2099.
 */
export const EARLIEST_DATE = '2011-07-20';
export const LATEST_DATE = '2099-12-31';

/** Taiwan keeps UTC+8 all year (no daylight saving), so a fixed offset is exact. */
const TAIPEI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_PARTS = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local calendar date in Asia/Taipei of an instant, as YYYY-MM-DD. */
export function taipeiDateOf(instant: Date): string {
  return new Date(instant.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);
}

export function isCalendarDate(value: string): boolean {
  const match = DATE_PARTS.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Refuses a date that is malformed or later than today in Asia/Taipei. */
export function assertNotInFuture(date: string, now: Date, field: string, code: string): void {
  if (!isCalendarDate(date)) throw invalid('INVALID_DATE', field, `${field} must be a calendar date YYYY-MM-DD`);
  const today = taipeiDateOf(now);
  if (date > today) throw invalid(code, field, `${field} ${date} is in the future (today in Asia/Taipei is ${today})`, { date, today });
}

export function assertCalendarDate(date: string, field: string): void {
  if (!isCalendarDate(date)) throw invalid('INVALID_DATE', field, `${field} must be a calendar date YYYY-MM-DD`);
}

/** A date in the ROC (民國) calendar: the year is the Gregorian year minus 1911. */
export function rocParts(date: string): { year: number; month: number; day: number } {
  assertCalendarDate(date, 'date');
  const [y, m, d] = date.split('-').map(Number);
  return { year: y - 1911, month: m, day: d };
}

/** 115年11月27日 for 2026-11-27, as forms write dates. */
export function rocDateText(date: string): string {
  const { year, month, day } = rocParts(date);
  return `${year}年${month}月${day}日`;
}

