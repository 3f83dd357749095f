import type { OfficeCalendar } from './taiwan-office-calendar';

const DAY_MS = 24 * 60 * 60 * 1000;

const toDate = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  return toIso(new Date(toDate(isoDate).getTime() + days * DAY_MS));
}

/** A calendar's days as sets: deadlines are counted for every open obligation on each reconcile. */
const daysOf = new WeakMap<OfficeCalendar, { off: Set<string>; makeUp: Set<string> }>();

function setsOf(calendar: OfficeCalendar): { off: Set<string>; makeUp: Set<string> } {
  let days = daysOf.get(calendar);
  if (!days) daysOf.set(calendar, (days = { off: new Set(calendar.daysOff), makeUp: new Set(calendar.makeUpWorkingDays) }));
  return days;
}

export function isWorkingDay(isoDate: string, calendar: OfficeCalendar): boolean {
  const { off, makeUp } = setsOf(calendar);
  if (makeUp.has(isoDate)) return true;
  const weekday = toDate(isoDate).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !off.has(isoDate);
}

/** The n-th working day after a date (the date itself does not count). */
export function addWorkingDays(isoDate: string, workingDays: number, calendar: OfficeCalendar): string {
  let date = isoDate;
  for (let counted = 0; counted < workingDays; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return date;
}

/** A period counted in calendar days ends on the next working day when its last day is a day off (行政程序法第48條). */
export function addCalendarDays(isoDate: string, days: number, calendar: OfficeCalendar): string {
  let date = addDays(isoDate, days);
  while (!isWorkingDay(date, calendar)) date = addDays(date, 1);
  return date;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

/** The n-th working day before a date. */
export function subtractWorkingDays(isoDate: string, workingDays: number, calendar: OfficeCalendar): string {
  let date = isoDate;
  for (let counted = 0; counted < workingDays; ) {
    date = addDays(date, -1);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return date;
}
