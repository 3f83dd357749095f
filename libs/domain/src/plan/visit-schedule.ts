import type { OfficeCalendar } from '../calendar/taiwan-office-calendar';
import { addCalendarDays } from '../calendar/working-days';

/**
 * When a site's contact is next due a visit: its last outreach there (or the plan's start, before the first)
 * plus the plan's interval, moved to the next working day when that falls on a day off.
 */
export function nextVisitDue(lastVisitOn: string | null, validFrom: string, visitEveryDays: number, calendar: OfficeCalendar): string {
  return addCalendarDays(lastVisitOn ?? validFrom, visitEveryDays, calendar);
}

/**
 * The date a visit's reminders count from: its due date, or the day its plan came into force when it was already
 * due then (a plan approved with a start in the past). Those visits are reminded once together on that day
 * (OverdueVisitsSummarised), and escalations are numbered from it rather than from a due date months back.
 */
export const visitRemindedFrom = (dueOn: string, inForceOn: string): string => (dueOn < inForceOn ? inForceOn : dueOn);
