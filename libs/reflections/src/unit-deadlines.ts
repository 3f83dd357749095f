import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { DEFAULT_DEADLINE_POLICY, TAIWAN_OFFICE_CALENDAR, type Deadlines, type OfficeCalendar } from '@integrity/domain';
import { UnitRegister } from '@integrity/identity';

/** The office calendar in force, for everything that counts working days. */
export const OFFICE_CALENDAR = Symbol('OFFICE_CALENDAR');

/**
 * The shipped office calendar, with the days of OFFICE_CALENDAR_FILE added: JSON `{"daysOff":[…],
 * "makeUpWorkingDays":[…],"years":[…]}`, where `years` names the whole years the file covers.
 */
export function officeCalendar(file: string | null): OfficeCalendar {
  if (!file) return TAIWAN_OFFICE_CALENDAR;
  const extra = JSON.parse(readFileSync(file, 'utf8')) as Partial<OfficeCalendar>;
  const dates = (list: unknown) => (Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) : []);
  const years = Array.isArray(extra.years) ? extra.years.filter((y): y is number => Number.isInteger(y)) : [];
  return {
    years: [...new Set([...TAIWAN_OFFICE_CALENDAR.years, ...years])].sort((a, b) => a - b),
    daysOff: [...new Set([...TAIWAN_OFFICE_CALENDAR.daysOff, ...dates(extra.daysOff)])],
    makeUpWorkingDays: [...new Set([...TAIWAN_OFFICE_CALENDAR.makeUpWorkingDays, ...dates(extra.makeUpWorkingDays)])],
  };
}

/** The deadlines a unit's reflections are followed up with: its own policy over the defaults, in the office calendar. */
@Injectable()
export class UnitDeadlines {
  constructor(
    private readonly units: UnitRegister,
    @Inject(OFFICE_CALENDAR) private readonly calendar: OfficeCalendar,
  ) {}

  async forUnit(unitId: string): Promise<Deadlines> {
    const unit = await this.units.get(unitId);
    return { policy: { ...DEFAULT_DEADLINE_POLICY, ...unit?.deadlinePolicy }, calendar: this.calendar };
  }
}
