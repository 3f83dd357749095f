import { isCalendarDate } from './taipei-date';
import type { OfficeCalendarYear } from './taiwan-office-calendar';

const WEEKDAYS = '日一二三四五六';
const HEADER = ['西元日期', '星期', '是否放假', '備註'];

/**
 * One year of the Directorate-General of Personnel Administration's office calendar (政府行政機關辦公日曆表, open
 * data set 14718), from its CSV as published: a row per day, `西元日期` as YYYYMMDD, `星期`, `是否放假` (2 off,
 * 0 working) and `備註`. Weekdays off and working weekend days are kept; everything else is the ordinary week.
 * Refuses a file that is not one whole year, so a truncated download never becomes the calendar.
 */
export function parseOfficeCalendarCsv(text: string, source: string): OfficeCalendarYear {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((cell) => cell.trim());
  if (HEADER.some((name, i) => header[i] !== name)) throw new Error(`The header must be ${HEADER.join(',')}; found ${header.join(',')}`);
  const daysOff: OfficeCalendarYear['daysOff'] = [];
  const makeUpWorkingDays: OfficeCalendarYear['makeUpWorkingDays'] = [];
  const seen = new Set<string>();
  let year: number | null = null;
  lines.forEach((line, index) => {
    const row = index + 2;
    const [raw, weekdayLabel, offFlag, ...rest] = line.split(',').map((cell) => cell.trim());
    const date = /^\d{8}$/.test(raw ?? '') ? `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}` : '';
    if (!isCalendarDate(date)) throw new Error(`Row ${row}: 西元日期 ${raw} is not a date YYYYMMDD`);
    year ??= Number(date.slice(0, 4));
    if (Number(date.slice(0, 4)) !== year) throw new Error(`Row ${row}: ${date} is not in ${year}; one file holds one year`);
    if (seen.has(date)) throw new Error(`Row ${row}: ${date} appears twice`);
    seen.add(date);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekdayLabel !== WEEKDAYS[weekday]) throw new Error(`Row ${row}: ${date} is a 星期${WEEKDAYS[weekday]}, not 星期${weekdayLabel}`);
    if (offFlag !== '0' && offFlag !== '2') throw new Error(`Row ${row}: 是否放假 must be 0 or 2, not ${offFlag}`);
    const name = rest.join(',').trim();
    const weekend = weekday === 0 || weekday === 6;
    if (offFlag === '2' && !weekend) daysOff.push({ date, name });
    if (offFlag === '0' && weekend) makeUpWorkingDays.push({ date, name });
  });
  if (year === null) throw new Error('The file holds no days');
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  if (seen.size !== days) throw new Error(`The file holds ${seen.size} days of ${year}, not all ${days}`);
  return { year, source, daysOff, makeUpWorkingDays };
}
