import * as XLSX from '@e965/xlsx';
import { WORK_RECORD_COLUMNS } from '@integrity/domain';

/** A cell of a fixture row: text as a clerk typed it, or a real date cell (ODS and XLSX only). */
export type FixtureCell = string | { date: string } | null;

export const HEADERS = WORK_RECORD_COLUMNS.map((c) => c.header);

/** A row of the form in the template's column order, from the columns it fills. */
export function recordRow(cells: Partial<Record<(typeof HEADERS)[number], FixtureCell>>): FixtureCell[] {
  return HEADERS.map((header) => cells[header] ?? null);
}

/** The rows as a spreadsheet file made here: ODS or XLSX (date cells as dates) or CSV in UTF-8 (dates as written). */
export function workRecordFile(rows: FixtureCell[][], format: 'ods' | 'xlsx' | 'csv', title?: string): Buffer {
  const cells = (row: FixtureCell[]) => row.map((cell) => (cell && typeof cell === 'object' ? dateCell(cell.date, format) : cell));
  const aoa = [...(title ? [[title]] : []), HEADERS, ...rows.map(cells)];
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { cellDates: false });
  if (format === 'csv') return Buffer.from(`\uFEFF${XLSX.utils.sheet_to_csv(sheet)}`, 'utf8');
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '工作紀錄表');
  return XLSX.write(book, { type: 'buffer', bookType: format }) as Buffer;
}

/** A date cell holds the day's serial number with a date format; a CSV has only text. */
function dateCell(date: string, format: 'ods' | 'xlsx' | 'csv'): XLSX.CellObject | string {
  if (format === 'csv') return date.replace(/-/g, '/');
  const [y, m, d] = date.split('-').map(Number);
  return { t: 'n', v: (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000, z: 'yyyy/m/d' };
}
