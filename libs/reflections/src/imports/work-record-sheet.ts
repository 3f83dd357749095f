import { createHash } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import { DomainError, invalid, WORK_RECORD_COLUMNS, WORK_RECORD_HEADER_ALIASES, type WorkRecordColumn } from '@integrity/domain';

/** A cell as the sheet holds it: text as typed, or a day from a date-formatted cell. */
export type WorkRecordCell = { text: string } | { date: string };

export interface WorkRecordRow {
  /** The row's number as the spreadsheet shows it (1 is the first row). */
  row: number;
  cells: Partial<Record<WorkRecordColumn, WorkRecordCell>>;
}

export interface WorkRecordSheet {
  /** SHA-256 of the file as uploaded. */
  fileHash: string;
  sheet: string;
  rows: WorkRecordRow[];
}

/** The headers are looked for in the first rows: a sheet may have a title above them. */
const HEADER_SEARCH_ROWS = 10;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

const headerKey = (value: string): string => value.replace(/[\s\u3000]/g, '').replace(/（/g, '(').replace(/）/g, ')');
const KNOWN_HEADERS = new Map<string, WorkRecordColumn>([
  ...WORK_RECORD_COLUMNS.map((c) => [headerKey(c.header), c.header] as const),
  ...Object.entries(WORK_RECORD_HEADER_ALIASES).map(([alias, header]) => [headerKey(alias), header] as const),
]);

/** What a spreadsheet may unpack to: years of a unit's records are a few MB; a ZIP bomb is refused unread. */
export const UNPACKED_MAX_BYTES = 200 * 1024 * 1024;
/** The rows read of a sheet: a unit's history is tens of thousands. */
export const ROWS_MAX = 100_000;

/**
 * What a ZIP's entries say they unpack to, summed from its central directory (the end record is within the last
 * 64 KB and 22 bytes). Null when the directory cannot be found: the reader then refuses the file anyway.
 */
function unpackedSize(file: Buffer): number | null {
  for (let end = file.length - 22; end >= Math.max(0, file.length - 22 - 0xffff); end--) {
    if (file.readUInt32LE(end) !== 0x06054b50) continue;
    const entries = file.readUInt16LE(end + 10);
    let at = file.readUInt32LE(end + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50) return null;
      total += file.readUInt32LE(at + 24);
      at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    }
    return total;
  }
  return null;
}

/** A CSV has one sheet and no name for it. */
const CSV_SHEET = 'CSV';

function workbookOf(file: Buffer): XLSX.WorkBook {
  try {
    if (file.subarray(0, 4).equals(ZIP) || file.subarray(0, 4).equals(OLE)) {
      const unpacked = file.subarray(0, 4).equals(ZIP) ? unpackedSize(file) : file.length;
      if (unpacked !== null && unpacked > UNPACKED_MAX_BYTES) throw invalid('IMPORT_FILE_TOO_LARGE', 'file', `The file unpacks to ${unpacked} bytes, more than ${UNPACKED_MAX_BYTES}`, { max: UNPACKED_MAX_BYTES });
      return XLSX.read(file, { type: 'buffer', dense: true, cellNF: true, cellHTML: false, cellStyles: false, sheetRows: ROWS_MAX + HEADER_SEARCH_ROWS + 1 });
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file).replace(/^\uFEFF/, '');
    // Raw: a CSV's 115/3/4 stays text for the clerk's calendar, never a date SheetJS guesses.
    const csv = XLSX.read(text, { type: 'string', dense: true, raw: true, sheetRows: ROWS_MAX + HEADER_SEARCH_ROWS + 1 });
    return { SheetNames: [CSV_SHEET], Sheets: { [CSV_SHEET]: csv.Sheets[csv.SheetNames[0]] } };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalid('IMPORT_FILE_UNREADABLE', 'file', 'The file is not an ODS, XLSX or UTF-8 CSV spreadsheet');
  }
}

/** The calendar day of a date-formatted cell; the serial number is the day itself, free of any time zone. */
function cellOf(cell: XLSX.CellObject | undefined): WorkRecordCell | null {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  if (cell.t === 'd' && cell.v instanceof Date) {
    const d = cell.v;
    return { date: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` };
  }
  if (cell.t === 'n' && typeof cell.v === 'number' && cell.z !== undefined && XLSX.SSF.is_date(cell.z)) {
    const { y, m, d } = XLSX.SSF.parse_date_code(cell.v);
    return { date: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
  }
  const text = String(cell.v).trim();
  return text === '' ? null : { text };
}

/**
 * The work records in a spreadsheet (ODS, XLSX, or CSV in UTF-8): the first sheet whose header row names the
 * form's columns, each row after it with its cells by column. Rows with nothing in them are left out.
 */
export function readWorkRecordSheet(file: Buffer): WorkRecordSheet {
  const fileHash = createHash('sha256').update(file).digest('hex');
  const workbook = workbookOf(file);
  let missing: string[] = WORK_RECORD_COLUMNS.filter((c) => c.required).map((c) => c.header);
  for (const sheet of workbook.SheetNames) {
    const data = (workbook.Sheets[sheet]['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
    for (let h = 0; h < Math.min(HEADER_SEARCH_ROWS, data.length); h++) {
      const columns = new Map<number, WorkRecordColumn>();
      (data[h] ?? []).forEach((cell, index) => {
        const known = cell && cell.v !== undefined ? KNOWN_HEADERS.get(headerKey(String(cell.v))) : undefined;
        if (known && ![...columns.values()].includes(known)) columns.set(index, known);
      });
      const lacking = WORK_RECORD_COLUMNS.filter((c) => c.required && ![...columns.values()].includes(c.header)).map((c) => c.header);
      if (columns.size === 0) continue;
      if (lacking.length > 0) {
        if (lacking.length < missing.length) missing = lacking;
        continue;
      }
      const rows: WorkRecordRow[] = [];
      for (let r = h + 1; r < data.length; r++) {
        const cells: WorkRecordRow['cells'] = {};
        for (const [index, column] of columns) {
          const cell = cellOf(data[r]?.[index]);
          if (cell) cells[column] = cell;
        }
        if (Object.keys(cells).length > 0) rows.push({ row: r + 1, cells });
      }
      if (rows.length > ROWS_MAX) throw invalid('IMPORT_TOO_MANY_ROWS', 'file', `A file holds at most ${ROWS_MAX} rows: split it`, { max: ROWS_MAX });
      return { fileHash, sheet, rows };
    }
  }
  throw invalid('IMPORT_COLUMNS_MISSING', 'file', `No sheet has the columns ${missing.join(', ')}`, { columns: missing });
}
