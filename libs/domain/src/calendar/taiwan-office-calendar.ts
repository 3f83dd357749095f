import shipped from './office-calendar-data.json';

/** One year of the office calendar as published, with the names of its days off (`npm run calendar:import`). */
export interface OfficeCalendarYear {
  year: number;
  /** Which publication the days come from. */
  source: string;
  /** Weekdays on which offices are closed: national holidays and the days given for those on a weekend. */
  daysOff: { date: string; name: string }[];
  /** Saturdays or Sundays on which offices work (補行上班). */
  makeUpWorkingDays: { date: string; name: string }[];
}

/**
 * Days off and make-up working days of Taiwan's government offices, from the Directorate-General of Personnel
 * Administration's yearly office calendar (政府行政機關辦公日曆表). A year outside `years` is counted over
 * weekends alone, and due dates computed into it say so.
 */
export interface OfficeCalendar {
  years: readonly number[];
  daysOff: readonly string[];
  makeUpWorkingDays: readonly string[];
}

/** The years shipped in office-calendar-data.json, oldest first. */
export const OFFICE_CALENDAR_YEARS: readonly OfficeCalendarYear[] = Object.values(shipped as Record<string, OfficeCalendarYear>).sort((a, b) => a.year - b.year);

export function officeCalendarOf(years: readonly OfficeCalendarYear[]): OfficeCalendar {
  return {
    years: years.map((y) => y.year),
    daysOff: years.flatMap((y) => y.daysOff.map((d) => d.date)),
    makeUpWorkingDays: years.flatMap((y) => y.makeUpWorkingDays.map((d) => d.date)),
  };
}

export const TAIWAN_OFFICE_CALENDAR: OfficeCalendar = officeCalendarOf(OFFICE_CALENDAR_YEARS);

/** Whether the calendar knows the days off of the year this date falls in. */
export const calendarCovers = (calendar: OfficeCalendar, date: string): boolean => calendar.years.includes(Number(date.slice(0, 4)));

/** The last day of the unbroken run of covered years that holds `from`; null when `from` is not covered. */
export function calendarCoveredUntil(calendar: OfficeCalendar, from: string): string | null {
  let year = Number(from.slice(0, 4));
  if (!calendar.years.includes(year)) return null;
  while (calendar.years.includes(year + 1)) year++;
  return `${year}-12-31`;
}
