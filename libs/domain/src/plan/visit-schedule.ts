import type { OfficeCalendar } from '../calendar/taiwan-office-calendar';
import { addCalendarDays } from '../calendar/working-days';

/**
 * When a site's contact is next due a visit: its last outreach there (or the plan's start, before the first)
 * plus the plan's interval, moved to the next working day when that falls on a day off.
 */
export function nextVisitDue(lastVisitOn: string | null, validFrom: string, visitEveryDays: number, calendar: OfficeCalendar): string {
  return addCalendarDays(lastVisitOn ?? validFrom, visitEveryDays, calendar);
}
