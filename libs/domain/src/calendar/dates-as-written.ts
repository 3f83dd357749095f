import { isCalendarDate } from './taipei-date';

const FULL_WIDTH_DIGIT = /[０-９]/g;

/** ROC years as clerks write them: 民國 (or its initial 民) before the year, 年月日 or a separator between parts. */
const ROC_IN_WORDS = /^(?:民國|民)?\s*(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const SEPARATED = /^(?:民國|民)?\s*(\d{2,4})\s*[/.\-－／．、]\s*(\d{1,2})\s*[/.\-－／．、]\s*(\d{1,2})$/;
const ROC_DIGITS = /^(\d{2,3})(\d{2})(\d{2})$/;
const GREGORIAN_DIGITS = /^(\d{4})(\d{2})(\d{2})$/;

/** A year of four digits is Gregorian; two or three are ROC (民國), the year minus 1911. */
function isoOf(year: number, month: number, day: number, written: string): string | null {
  const gregorian = written.length === 4 ? year : year + 1911;
  const iso = `${String(gregorian).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

/**
 * The calendar date (YYYY-MM-DD) a clerk meant by a date written in a work record: 115/3/4, 115.03.04, 1150304,
 * 民國115年3月4日, 2026-03-04 or 20260304, with full-width digits too; null when the text is none of these or
 * names no real day (115/2/30).
 */
export function dateAsWritten(text: string): string | null {
  const value = text.trim().replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const parts = ROC_IN_WORDS.exec(value) ?? SEPARATED.exec(value);
  if (parts) return isoOf(Number(parts[1]), Number(parts[2]), Number(parts[3]), parts[1]);
  const digits = GREGORIAN_DIGITS.exec(value);
  if (digits && Number(digits[1]) > 1911) return isoOf(Number(digits[1]), Number(digits[2]), Number(digits[3]), digits[1]);
  const roc = ROC_DIGITS.exec(value);
  return roc ? isoOf(Number(roc[1]), Number(roc[2]), Number(roc[3]), roc[1]) : null;
}
