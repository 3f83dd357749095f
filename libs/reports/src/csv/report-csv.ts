import type { BiweeklyReportView } from '../queries/report-reader';

const cell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The report's items for spreadsheets: UTF-8 with a byte-order mark, so Excel reads the Chinese. */
export function reportCsv(view: BiweeklyReportView): string {
  const lines = [['項次', '實施方式', '日期', '類別', '內容摘要', '編號'].map(cell).join(',')];
  view.rows.forEach((row, index) => {
    for (const item of row.items) lines.push([index + 1, row.title, item.date, item.category, item.summary, item.id].map(cell).join(','));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
