import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  categoryAsWritten,
  columnOfField,
  dateAsWritten,
  DomainError,
  natureAsWritten,
  periodOf,
  reflectionDecider,
  zhTwMessage,
  type Clock,
  type Deadlines,
  type ReflectionCommand,
  type VillagePlace,
  type WorkRecordColumn,
} from '@integrity/domain';
import { CommandHandling, EVENT_STORE, nameBasedId, type EventStore } from '@integrity/event-store';
import { activeFromOf, type Unit } from '@integrity/identity';
import { fullName, VillageRegister, villagePlaceOf } from '@integrity/places';
import { SETTINGS, type Settings } from '@integrity/platform';
import { reflectionStream } from '../reflection-access';
import { ReflectionEventCodec } from '../reflection-event.codec';
import { UnitDeadlines } from '../unit-deadlines';
import type { WorkRecordCell, WorkRecordRow, WorkRecordSheet } from './work-record-sheet';

type ImportCommand = Extract<ReflectionCommand, { type: 'ImportReflection' }>;

/** What became, or would become, of one row. */
export type RowOutcome = 'to_import' | 'imported' | 'already_imported' | 'duplicate' | 'refused';

export interface RowProblem {
  column: WorkRecordColumn | null;
  code: string;
  message: string;
}

export interface RowReport {
  row: number;
  outcome: RowOutcome;
  reflectionId: string | null;
  /** What the case is, without the reporter's personal data. */
  receivedOn: string | null;
  nature: string | null;
  category: string | null;
  closedOn: string | null;
  village: string | null;
  problems: RowProblem[];
  /** What was kept as written, for the clerk to know (a village the register does not have). */
  notes: { column: WorkRecordColumn; message: string }[];
  /** The earlier row with the same case. */
  duplicateOf?: number;
}

export interface ImportReport {
  dryRun: boolean;
  /** Whether rows are refused and, without `validRowsOnly`, the whole file therefore is: nothing recorded. */
  refusedFile: boolean;
  unitId: string;
  file: { hash: string; sheet: string; rows: number };
  /** Cases from before this day only: the first day of the first period the unit reports on. */
  importBefore: string;
  counts: Record<RowOutcome, number>;
  rows: RowReport[];
  /** The log position of the last case recorded (for X-Min-Position), null when nothing was. */
  position: string | null;
}

export interface ImportOptions {
  dryRun: boolean;
  /** Record the rows that pass and leave the refused ones; otherwise any refused row records nothing. */
  validRowsOnly: boolean;
  actorId: string;
  correlationId: string;
  /** Told after each row is checked or recorded, for a progress bar. */
  progress?: (done: number, total: number, stage: 'check' | 'record') => void;
}

/** How many rows are recorded at once: the log takes one append at a time, the personal-data keys are sealed meanwhile. */
const RECORD_CONCURRENCY = 64;
/** Rows checked between two turns of the event loop. */
const CHECK_SLICE = 500;

const textOf = (cell: WorkRecordCell | undefined): string | null => (cell === undefined ? null : 'date' in cell ? cell.date : cell.text);

/** A phone typed into a number cell loses its leading zero (912345678): a Taiwanese number always has one. */
const phoneOf = (cell: WorkRecordCell | undefined): string | null => {
  const text = textOf(cell);
  return text && /^[1-9]\d{7,8}$/.test(text) ? `0${text}` : text;
};

function problemOf(error: DomainError, row: number, column: WorkRecordColumn | null): RowProblem {
  const message = zhTwMessage(error.code, { field: error.field, params: error.params }) ?? error.message;
  return { column, code: error.code, message: `第${row}列${column ? `「${column}」` : ''}：${message}` };
}

/**
 * Brings a unit's past work records in (匯入): every row checked first, with why a row is refused in zh-TW by row
 * and column; then each row that passes recorded as ReflectionImported under an id derived from the unit and the
 * row's content, so the same records imported again (from this file or a corrected one) record nothing twice.
 */
@Injectable()
export class WorkRecordImport {
  private readonly villageCache = new Map<string, { place: VillagePlace | null; note: string | null }>();

  constructor(
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly deadlines: UnitDeadlines,
    private readonly villages: VillageRegister,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(sheet: WorkRecordSheet, unit: Unit, options: ImportOptions): Promise<ImportReport> {
    const now = this.clock.now();
    const importBefore = periodOf(activeFromOf(unit), this.settings.reportPeriodAnchor).start;
    const deadlines = await this.deadlines.forUnit(unit._id);
    const seen = new Map<string, number>();
    const checked: { report: RowReport; command: ImportCommand | null }[] = [];
    for (const [index, row] of sheet.rows.entries()) {
      const { report, command } = this.check(row, sheet, unit, importBefore, now, deadlines);
      if (command) {
        const earlier = seen.get(command.reflectionId);
        if (earlier !== undefined) {
          report.outcome = 'duplicate';
          report.duplicateOf = earlier;
          report.problems.push(problemOf(new DomainError('DUPLICATE_RECORD_ROW', `The same case as row ${earlier}`, 'invalid', undefined, undefined, { row: earlier }), row.row, null));
        } else {
          seen.set(command.reflectionId, row.row);
          if ((await this.store.readStream(reflectionStream(command.reflectionId))).length > 0) report.outcome = 'already_imported';
        }
      }
      checked.push({ report, command: report.outcome === 'to_import' ? command : null });
      options.progress?.(index + 1, sheet.rows.length, 'check');
      // Now and then the other requests go first: a long file never holds the server for seconds.
      if (index % CHECK_SLICE === CHECK_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    const refusedFile = checked.some((c) => c.report.outcome === 'refused') && !options.validRowsOnly;
    const position = !options.dryRun && !refusedFile ? await this.record(checked, unit._id, options) : null;
    const counts: Record<RowOutcome, number> = { to_import: 0, imported: 0, already_imported: 0, duplicate: 0, refused: 0 };
    for (const { report } of checked) counts[report.outcome]++;
    return {
      dryRun: options.dryRun,
      refusedFile,
      unitId: unit._id,
      file: { hash: sheet.fileHash, sheet: sheet.sheet, rows: sheet.rows.length },
      importBefore,
      counts,
      rows: checked.map((c) => c.report),
      position: position === null ? null : position.toString(),
    };
  }

  /** Records the rows that passed, a few at a time; answers the last position written. */
  private async record(checked: { report: RowReport; command: ImportCommand | null }[], unitId: string, options: ImportOptions): Promise<bigint | null> {
    const pending = checked.filter((c) => c.command !== null);
    let next = 0;
    let done = 0;
    let last: bigint | null = null;
    const worker = async () => {
      while (next < pending.length) {
        const { report, command } = pending[next++];
        const cmd = command as ImportCommand;
        try {
          const outcome = await this.commands.handle(reflectionStream(cmd.reflectionId), reflectionDecider, this.codec, { ...cmd, now: this.clock.now() }, {
            actorId: options.actorId,
            unitId,
            correlationId: options.correlationId,
            // The row's own: a retried import replays it rather than record it twice.
            commandId: nameBasedId('import-row', cmd.reflectionId),
            now: this.clock.now(),
          });
          report.outcome = outcome.replayed ? 'already_imported' : 'imported';
          if (!outcome.replayed && (last === null || outcome.position > last)) last = outcome.position;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error.code === 'REFLECTION_ALREADY_EXISTS') report.outcome = 'already_imported';
          else {
            report.outcome = 'refused';
            report.problems.push(problemOf(error, report.row, columnOfField(error.field)));
          }
        }
        options.progress?.(++done, pending.length, 'record');
      }
    };
    await Promise.all(Array.from({ length: Math.min(RECORD_CONCURRENCY, pending.length) }, worker));
    return last;
  }

  private check(row: WorkRecordRow, sheet: WorkRecordSheet, unit: Unit, importBefore: string, now: Date, deadlines: Deadlines): { report: RowReport; command: ImportCommand | null } {
    const cells = row.cells;
    const problems: RowProblem[] = [];
    const notes: RowReport['notes'] = [];
    const refuse = (error: DomainError, column: WorkRecordColumn | null) => problems.push(problemOf(error, row.row, column));
    const dateIn = (column: '受理日期' | '結案日期', field: string): string | null => {
      const cell = cells[column];
      if (!cell) return null;
      if ('date' in cell) return cell.date;
      const date = dateAsWritten(cell.text);
      if (date === null) refuse(new DomainError('INVALID_DATE', `${field} is not a date`, 'invalid', field), column);
      return date;
    };
    const receivedOn = dateIn('受理日期', 'receivedOn');
    if (!cells['受理日期']) refuse(new DomainError('REQUIRED', 'receivedOn is required', 'invalid', 'receivedOn'), '受理日期');
    const closedOn = dateIn('結案日期', 'closedOn');
    const natureText = textOf(cells['性質']) ?? '';
    const nature = natureAsWritten(natureText);
    if (!nature) refuse(new DomainError(natureText ? 'NOT_ALLOWED' : 'REQUIRED', 'nature is not 民情需求事項 or 施政興革反映', 'invalid', 'nature'), '性質');
    const categoryText = textOf(cells['類別']) ?? '';
    const category = nature ? categoryAsWritten(categoryText, nature) : null;
    const villageText = textOf(cells['村里']);
    const village = villageText ? this.villageOf(villageText, unit.profile?.county ?? null) : { place: null, note: null };
    if (village.note) notes.push({ column: '村里', message: `第${row.row}列「村里」：${village.note}` });
    const report: RowReport = {
      row: row.row,
      outcome: 'refused',
      reflectionId: null,
      receivedOn,
      nature,
      category: category === undefined ? categoryText : (category ?? 'unclassified'),
      closedOn,
      village: village.place ? fullName(village.place) : villageText,
      problems,
      notes,
    };
    if (problems.length > 0 || !receivedOn || !nature) return { report, command: null };
    const summary = textOf(cells['需求/反映等內容概述']) ?? '';
    const reporter = {
      name: textOf(cells['反映者姓名']) ?? undefined,
      occupation: textOf(cells['職業']) ?? undefined,
      phone: phoneOf(cells['聯絡電話']) ?? undefined,
      address: textOf(cells['聯絡地址']) ?? undefined,
    };
    const content = { nature, category: category === undefined ? categoryText : category, summary, receivedOn, reporter, villageText, location: textOf(cells['地點']) };
    const command: ImportCommand = {
      type: 'ImportReflection',
      // The unit and what the row says: the same case from this file or a corrected one has the same id.
      reflectionId: nameBasedId('imported-reflection', `${unit._id}:${JSON.stringify(content)}`),
      unitId: unit._id,
      nature,
      category: content.category,
      summary,
      receivedOn,
      importBefore,
      reporter: Object.values(reporter).some((v) => v !== undefined) ? reporter : null,
      place: village.place,
      villageAsWritten: village.place ? null : villageText,
      location: content.location,
      handlingOpinion: textOf(cells['處理意見']),
      recordedBy: textOf(cells['紀錄人']),
      handling: textOf(cells['辦理情形']),
      closedOn,
      source: { fileHash: sheet.fileHash, sheet: sheet.sheet, row: row.row },
      now,
      deadlines,
    };
    try {
      reflectionDecider.decide(command, reflectionDecider.initialState());
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refuse(error, columnOfField(error.field));
      return { report, command: null };
    }
    report.outcome = 'to_import';
    report.reflectionId = command.reflectionId;
    return { report, command };
  }

  /**
   * The register's village for what the clerk wrote: its full name, else the one village of that name in the
   * unit's county, else the only one in the country; otherwise kept as written, with why.
   */
  private villageOf(text: string, county: string | null): { place: VillagePlace | null; note: string | null } {
    const key = `${county ?? ''}|${text}`;
    const cached = this.villageCache.get(key);
    if (cached) return cached;
    const found = this.villages.search(text, 50);
    const wanted = text.replace(/\s/g, '');
    const exact = found.filter((v) => fullName(villagePlaceOf(v)) === wanted);
    const inCounty = county ? found.filter((v) => v.county === county) : [];
    const match = exact.length === 1 ? exact[0] : inCounty.length === 1 ? inCounty[0] : found.length === 1 ? found[0] : null;
    const result = match
      ? { place: villagePlaceOf(match), note: null }
      : { place: null, note: found.length === 0 ? `村里名冊查無「${text}」，依原文保留。` : `「${text}」在村里名冊中有${found.length}個可能的村里，請寫明縣市及鄉鎮市區；依原文保留。` };
    this.villageCache.set(key, result);
    return result;
  }
}
