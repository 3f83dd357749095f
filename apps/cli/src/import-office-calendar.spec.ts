import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OFFICE_CALENDAR_YEARS, parseOfficeCalendarCsv, TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { tempDir } from '../../../test/support/temp-dir';
import { importOfficeCalendar, runCalendarImport } from './import-office-calendar';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'office-calendar-2027.csv');
const SHIPPED = join(__dirname, '..', '..', '..', 'libs', 'domain', 'src', 'calendar', 'office-calendar-data.json');
const csv = readFileSync(FIXTURE, 'utf8');
const COMPOSED = '依紀念日及節日實施條例推算（非官方公告；116年政府行政機關辦公日曆表公告後，請以 npm run calendar:import 匯入取代）';

describe('the office calendar as data', () => {
  it('ships 2027 equal, day by day, to the published CSV', () => {
    const published = parseOfficeCalendarCsv(csv, 'fixture');
    const shipped = OFFICE_CALENDAR_YEARS.find((y) => y.year === 2027);
    expect(shipped?.daysOff).toEqual(published.daysOff);
    expect(shipped?.makeUpWorkingDays).toEqual(published.makeUpWorkingDays);
    expect(published.daysOff).toHaveLength(17);
    expect(published.daysOff.map((d) => d.date)).toEqual(expect.arrayContaining(['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10']));
    expect(TAIWAN_OFFICE_CALENDAR.years).toEqual([2026, 2027]);
  });

  it('imports one year, keeping the others, as `npm run calendar:import` does', () => {
    const existing = JSON.parse(readFileSync(SHIPPED, 'utf8'));
    const { 2027: _dropped, ...without2027 } = existing;
    // The shipped 2027 was composed from the holiday rules, and says so until the official file is imported.
    const { year, data } = importOfficeCalendar(csv, 'office-calendar-2027.csv', without2027, COMPOSED);
    expect(data).toEqual(existing);
    expect(year.source).toBe(COMPOSED);
    expect(importOfficeCalendar(csv, 'office-calendar-2027.csv', without2027).year.source).toBe('116年中華民國政府行政機關辦公日曆表（office-calendar-2027.csv）');
  });

  it('runs as a command on a file, writing where --out says', () => {
    const dir = tempDir('calendar-import');
    try {
      const out = join(dir.path, 'calendar.json');
      copyFileSync(SHIPPED, out);
      const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      expect(runCalendarImport([FIXTURE, '--out', out, '--source', COMPOSED])).toBe(0);
      expect(String(log.mock.calls[0][0])).toContain('2027: 17 weekdays off, 0 make-up working days');
      log.mockRestore();
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync(SHIPPED, 'utf8')));
    } finally {
      dir.remove();
    }
  });

  it.each([
    ['a truncated file', (text: string) => text.split('\r\n').slice(0, 100).join('\r\n'), /holds 99 days of 2027, not all 365/],
    ['a wrong weekday', (text: string) => text.replace('20270101,五', '20270101,四'), /is a 星期五, not 星期四/],
    ['another header', (text: string) => text.replace('西元日期', 'date'), /header/],
    ['two years in one file', (text: string) => text.replace('20271231,五', '20281231,五'), /not in 2027/],
    ['an unknown flag', (text: string) => text.replace('20270104,一,0', '20270104,一,1'), /是否放假 must be 0 or 2/],
  ])('refuses %s', (_name, damage, message) => expect(() => parseOfficeCalendarCsv(damage(csv), 'x')).toThrow(message));
});
