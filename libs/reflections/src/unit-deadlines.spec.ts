import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addWorkingDays, TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { tempDir } from '../../../test/support/temp-dir';
import { officeCalendar } from './unit-deadlines';

describe('the office calendar', () => {
  const dir = tempDir('calendar');
  afterAll(() => dir.remove());

  it('is the shipped one without a file', () => expect(officeCalendar(null)).toBe(TAIWAN_OFFICE_CALENDAR));

  it('adds the days of OFFICE_CALENDAR_FILE: a typhoon day off and a make-up Saturday', () => {
    const file = join(dir.path, 'calendar.json');
    writeFileSync(file, JSON.stringify({ daysOff: ['2026-11-30', 'not a date'], makeUpWorkingDays: ['2026-12-05'] }));
    const calendar = officeCalendar(file);
    expect(calendar.daysOff).toContain('2026-11-30');
    expect(calendar.daysOff).not.toContain('not a date');
    expect(calendar.daysOff).toContain('2026-10-09');
    expect(addWorkingDays('2026-11-27', 1, calendar)).toBe('2026-12-01');
    expect(addWorkingDays('2026-12-04', 1, calendar)).toBe('2026-12-05');
  });
});
