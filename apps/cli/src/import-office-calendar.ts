import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseOfficeCalendarCsv, type OfficeCalendarYear } from '@integrity/domain';

/** Where the shipped calendar lives in the source tree (npm runs scripts from the project's root); the next build carries it into the product. */
const SHIPPED_CALENDAR_FILE = join(process.cwd(), 'libs', 'domain', 'src', 'calendar', 'office-calendar-data.json');

/** Adds (or replaces) one year in the calendar data, keeping the other years as they are. */
export function importOfficeCalendar(csv: string, fileName: string, existing: Record<string, OfficeCalendarYear>): { year: OfficeCalendarYear; data: Record<string, OfficeCalendarYear> } {
  const parsed = parseOfficeCalendarCsv(csv, fileName);
  const year = { ...parsed, source: `${parsed.year - 1911}年中華民國政府行政機關辦公日曆表（${fileName}）` };
  const data: Record<string, OfficeCalendarYear> = Object.fromEntries(Object.entries<OfficeCalendarYear>({ ...existing, [year.year]: year }).sort(([a], [b]) => Number(a) - Number(b)));
  return { year, data };
}

/** `npm run calendar:import -- <file.csv> [--out <calendar.json>]`; the exit code. */
export function runCalendarImport(args: string[]): number {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : SHIPPED_CALENDAR_FILE;
  const file = args.find((arg, i) => !arg.startsWith('--') && (outAt < 0 || i !== outAt + 1));
  if (!file || !out) {
    console.error('Usage: npm run calendar:import -- <政府行政機關辦公日曆表.csv> [--out <office-calendar-data.json>]');
    return 2;
  }
  const existing = JSON.parse(readFileSync(out, 'utf8')) as Record<string, OfficeCalendarYear>;
  const { year, data } = importOfficeCalendar(readFileSync(file, 'utf8'), `${basename(file)}`, existing);
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  process.stdout.write(`${year.year}: ${year.daysOff.length} weekdays off, ${year.makeUpWorkingDays.length} make-up working days, from ${basename(file)} into ${out}\n`);
  process.stdout.write('Rebuild (npm start does) for the product to count with it.\n');
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = runCalendarImport(process.argv.slice(2));
  } catch (error) {
    console.error(`calendar:import: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
