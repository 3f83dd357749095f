import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseOfficeCalendarCsv, type OfficeCalendarYear } from '@integrity/domain';
import { CommandRefused, runCommand } from './run-command';

/** Where the shipped calendar lives in the source tree (npm runs scripts from the project's root); the next build carries it into the product. */
const SHIPPED_CALENDAR_FILE = join(process.cwd(), 'libs', 'domain', 'src', 'calendar', 'office-calendar-data.json');

/**
 * Adds (or replaces) one year in the calendar data, keeping the other years as they are. The source names the
 * Directorate-General's publication, unless `source` says what else the file is (a year composed from the
 * holiday rules before the official file is out).
 */
export function importOfficeCalendar(
  csv: string,
  fileName: string,
  existing: Record<string, OfficeCalendarYear>,
  source: string | null = null,
): { year: OfficeCalendarYear; data: Record<string, OfficeCalendarYear> } {
  const parsed = parseOfficeCalendarCsv(csv, fileName);
  const year = { ...parsed, source: source ?? `${parsed.year - 1911}年中華民國政府行政機關辦公日曆表（${fileName}）` };
  const data: Record<string, OfficeCalendarYear> = Object.fromEntries(Object.entries<OfficeCalendarYear>({ ...existing, [year.year]: year }).sort(([a], [b]) => Number(a) - Number(b)));
  return { year, data };
}

/** `npm run calendar:import -- <file.csv> [--out <calendar.json>] [--source <text>]`; the exit code. */
export function runCalendarImport(args: string[]): number {
  const valueOf = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const out = valueOf('--out') ?? SHIPPED_CALENDAR_FILE;
  const source = valueOf('--source') ?? null;
  const values = new Set(['--out', '--source'].map((flag) => args.indexOf(flag) + 1).filter((i) => i > 0));
  const file = args.find((arg, i) => !arg.startsWith('--') && !values.has(i));
  if (!file || !out || source === '') throw new CommandRefused('USAGE', '用法：npm run calendar:import -- <政府行政機關辦公日曆表.csv> [--out <office-calendar-data.json>] [--source <檔案來源說明，非官方公告時填寫>]');
  if (!existsSync(file)) throw new CommandRefused('FILE_NOT_FOUND', `找不到檔案：${file}`);
  const existing = JSON.parse(readFileSync(out, 'utf8')) as Record<string, OfficeCalendarYear>;
  const { year, data } = importOfficeCalendar(readFileSync(file, 'utf8'), `${basename(file)}`, existing, source);
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  process.stdout.write(`${year.year}: ${year.daysOff.length} weekdays off, ${year.makeUpWorkingDays.length} make-up working days, from ${basename(file)} into ${out}\n`);
  process.stdout.write('Rebuild (npm start does) for the product to count with it.\n');
  return 0;
}

if (require.main === module) runCommand(async () => runCalendarImport(process.argv.slice(2)));
