import { CATEGORY_LABELS, PROMOTION_KIND_LABELS, rocDateText } from '@integrity/domain';
import type { BiweeklyReportView } from '../queries/report-reader';

const cell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The report's items for spreadsheets, in Chinese: the unit and the period as header lines, then one line per
 * item with its ROC date, its category in the plan's words and its handling opinions. UTF-8 with a byte-order
 * mark, so Excel reads the Chinese.
 */
export function reportCsv(view: BiweeklyReportView): string {
  const lines = [
    [`填報機關：${view.unit.name}`],
    [`資料統計期間：${view.rocPeriod}`],
    ['項次', '實施方式', '日期', '類別', '內容摘要', '處理意見', '案件編號'],
  ];
  view.rows.forEach((row, index) => {
    for (const item of row.items) {
      const category = CATEGORY_LABELS[item.category] ?? PROMOTION_KIND_LABELS[item.category] ?? item.category;
      lines.push([String(index + 1), row.title, rocDateText(item.date), category, item.summary, item.opinions.join('；'), item.id]);
    }
  });
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
