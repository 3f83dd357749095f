import { createHash } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { CATEGORY_LABELS, NATURE_LABELS, rocParts, STATUS_LABELS, UNCLASSIFIED, WORK_RECORD_COLUMNS, type Reporter } from '@integrity/domain';
import { CHECKPOINT_STREAM, exportedLine } from '@integrity/audit';
import { categoryOf, logPages, type EventStore } from '@integrity/event-store';
import { hasAnyRole, PERSONAL_DATA_ROLES, type Actor, type PersonalDataAccessLog, type PersonalDataVault, type Unit, type UserDirectory } from '@integrity/identity';
import { PERSONAL_DATA_ACCESS_CATEGORY, type ActiveReadModels, type ReflectionDocument } from '@integrity/read-models';
import { planDocument } from '../documents/plan-document';
import { attachment2 } from '../documents/attachment-2';
import { renderOdt } from '../documents/odt-renderer';
import { renderPdf } from '../documents/pdf-renderer';
import { handlingOf } from '../handling-summary';
import type { ReportDrafting } from '../report-drafting';
import type { ReportReader } from '../queries/report-reader';

/** The stream categories whose streams belong to one unit, named by the unit in their first event. */
const UNIT_CATEGORIES = new Set(['reflection', 'site', 'outreach', 'promotion', 'plan', 'report']);

/** The extra columns after the template's: the case's number, its status, and where it came from. */
const EXTRA_COLUMNS = ['案號', '狀態', '來源'];

const rocDate = (date: string | null | undefined): string => {
  if (!date) return '';
  const { year, month, day } = rocParts(date);
  return `${year}/${month}/${day}`;
};

export interface UnitExportFiles {
  /** The files by their path in the export, as the ZIP and the command line write them. */
  files: Map<string, Buffer>;
  manifest: { unitId: string; unitCode: string; unitName: string; exportedAt: string; cases: number; reports: number; plans: number; events: number; streams: number; personalData: boolean };
}

/**
 * Everything a unit has, in open formats (ODF, CNS 15251): its cases as an ODS in the import template's layout
 * (the reporter's data only for a reader who may see it, each case's disclosure recorded), each report and plan
 * as ODT and PDF, and its streams of the event log as JSON lines with the checkpoints, which `npm run audit:verify
 * -- --export <dir>` checks offline. A manifest lists each file with its SHA-256.
 */
export class UnitExport {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly events: EventStore,
    private readonly reader: ReportReader,
    private readonly drafting: ReportDrafting,
    private readonly users: UserDirectory,
    private readonly vault: PersonalDataVault,
    private readonly accessLog: PersonalDataAccessLog,
  ) {}

  async files(unit: Unit, actor: Actor | null, now: Date, today: string): Promise<UnitExportFiles> {
    const set = await this.readModels.current();
    const files = new Map<string, Buffer>();
    const cases = await set.reflections.find({ unitId: unit._id }, { sort: { receivedOn: 1, receiptKey: 1 } });
    files.set('cases.ods', await this.casesSheet(cases, actor));

    const reports = await set.reports.find({ unitId: unit._id }, { sort: { periodStart: 1 } });
    for (const report of reports) {
      const view = await this.reader.report(unit._id, this.drafting.period(report.periodStart), { forAac: false, today });
      if (!view) continue;
      const printable = attachment2(view);
      files.set(`reports/${report.periodStart}.odt`, await renderOdt(printable));
      files.set(`reports/${report.periodStart}.pdf`, await renderPdf(printable));
    }
    const plans = await set.plans.find({ unitId: unit._id }, { sort: { validFrom: 1, _id: 1 } });
    for (const plan of plans) {
      const sites = await set.sites.find({ _id: { $in: plan.sites.map((s) => s.siteId) } });
      const printable = planDocument(plan, unit.name, sites);
      files.set(`plans/${plan.validFrom}-${plan._id}.odt`, await renderOdt(printable));
      files.set(`plans/${plan.validFrom}-${plan._id}.pdf`, await renderPdf(printable));
    }
    const log = await this.eventLog(unit._id);
    files.set('events.jsonl', Buffer.from(log.lines, 'utf8'));
    const manifest = {
      unitId: unit._id,
      unitCode: unit.code,
      unitName: unit.name,
      exportedAt: now.toISOString(),
      cases: cases.length,
      reports: reports.length,
      plans: plans.length,
      events: log.events,
      streams: log.streams,
      personalData: actor !== null && hasAnyRole(actor, PERSONAL_DATA_ROLES),
    };
    const sums = Object.fromEntries([...files].map(([path, bytes]) => [path, createHash('sha256').update(bytes).digest('hex')]));
    files.set('manifest.json', Buffer.from(`${JSON.stringify({ ...manifest, files: sums }, null, 2)}\n`, 'utf8'));
    return { files, manifest };
  }

  async zip(unit: Unit, actor: Actor | null, now: Date, today: string): Promise<Buffer> {
    const { files } = await this.files(unit, actor, now, today);
    const zip = new JSZip();
    for (const [path, bytes] of files) zip.file(path, bytes, { date: now });
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }

  /** The cases in the template's columns, then 案號, 狀態, 來源: an export can be imported again elsewhere. */
  private async casesSheet(cases: ReflectionDocument[], actor: Actor | null): Promise<Buffer> {
    const names = await this.users.displayNames([...new Set(cases.map((c) => c.recordedBy))]);
    const rows: string[][] = [];
    for (const doc of cases) {
      const reporter = actor && doc.reporterSealed ? await this.accessLog.disclose(actor, { id: doc._id, unitId: doc.unitId }, 'unit_export', () => this.vault.open<Reporter>(doc.reporterSealed as never)) : null;
      const clear: Reporter = reporter && !('redacted' in reporter) ? reporter : {};
      const closing = doc.status === 'closed' ? doc.closings.at(-1) : undefined;
      const cells: Record<string, string> = {
        受理日期: rocDate(doc.receivedOn),
        反映者姓名: clear.name ?? '',
        職業: clear.occupation ?? '',
        聯絡電話: clear.phone ?? '',
        聯絡地址: clear.address ?? '',
        性質: NATURE_LABELS[doc.nature] ?? doc.nature,
        類別: doc.category === UNCLASSIFIED ? '' : (CATEGORY_LABELS[doc.category] ?? doc.category),
        '需求/反映等內容概述': doc.summary,
        處理意見: doc.handlingOpinions.map((o) => o.opinion).join('；'),
        紀錄人: doc.imported?.recordedByAsWritten ?? names.get(doc.recordedBy) ?? '',
        地點: doc.siteName ?? doc.imported?.location ?? '',
        村里: [doc.county, doc.township, doc.village].filter(Boolean).join('') || (doc.imported?.villageAsWritten ?? ''),
        辦理情形: closing?.outcome || handlingOf(doc),
        結案日期: rocDate(closing?.closedOn),
        案號: doc.caseNo,
        狀態: STATUS_LABELS[doc.status] ?? doc.status,
        來源: doc.imported ? '匯入' : '登錄',
      };
      rows.push([...WORK_RECORD_COLUMNS.map((c) => cells[c.header]), ...EXTRA_COLUMNS.map((c) => cells[c])]);
    }
    // Every cell a string: text that looks like a formula (=, +, -, @) stays text in any spreadsheet.
    const sheet = XLSX.utils.aoa_to_sheet([[...WORK_RECORD_COLUMNS.map((c) => c.header), ...EXTRA_COLUMNS], ...rows], { cellDates: false });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '工作紀錄表');
    return XLSX.write(book, { type: 'buffer', bookType: 'ods', compression: true }) as Buffer;
  }

  /**
   * The unit's streams of the log, whole, and the checkpoints, as JSON lines in log order: a stream is the unit's
   * when its first event names the unit (an access record, when it names the unit's case).
   */
  private async eventLog(unitId: string): Promise<{ lines: string; events: number; streams: number }> {
    const included = new Map<string, boolean>();
    const lines: string[] = [];
    for await (const page of logPages(this.events)) {
      for (const event of page) {
        let ours = included.get(event.streamId);
        if (ours === undefined) {
          const category = categoryOf(event.streamId);
          ours =
            event.streamId === CHECKPOINT_STREAM ||
            (UNIT_CATEGORIES.has(category) && (event.data.unitId === unitId || event.metadata.unitId === unitId)) ||
            (category === PERSONAL_DATA_ACCESS_CATEGORY && event.data.reflectionUnitId === unitId);
          included.set(event.streamId, ours);
        }
        if (ours) lines.push(exportedLine(event));
      }
    }
    return { lines: lines.length ? `${lines.join('\n')}\n` : '', events: lines.length, streams: [...included.values()].filter(Boolean).length };
  }
}
