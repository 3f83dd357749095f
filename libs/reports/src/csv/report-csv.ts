import { CATEGORY_LABELS, PROMOTION_KIND_LABELS, rocDateText } from '@integrity/domain';
import { attachment2 } from '../documents/attachment-2';
import type { BiweeklyReportView } from '../queries/report-reader';

/**
 * A cell a spreadsheet takes as text: one that starts with =, +, -, @, a tab or a carriage return would be read
 * as a formula (OWASP's CSV injection rule), so it is led by an apostrophe, which spreadsheets show as text.
 * Quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Attachment 2 for spreadsheets, in Chinese: the title and 資料統計期間, the form's three rows with their counts,
 * the status and approval lines, then every case with its number, ROC date, category and handling. UTF-8 with a
 * byte-order mark, so Excel reads the Chinese.
 */
export function reportCsv(view: BiweeklyReportView): string {
  const form = attachment2(view);
  const lines: string[][] = [[form.title], [form.subtitle ?? ''], form.table.header ?? [], ...form.table.rows, [], ...form.notes.map((note) => [note]), [], ['案件明細']];
  lines.push(['項次', '實施方式', '案號', '日期', '類別', '內容摘要', '處理情形']);
  view.rows.forEach((row, index) => {
    for (const item of row.items) {
      const category = CATEGORY_LABELS[item.category] ?? PROMOTION_KIND_LABELS[item.category] ?? item.category;
      lines.push([String(index + 1), row.title, item.caseNo ?? '', rocDateText(item.date), category, item.summary, item.handling]);
    }
  });
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
