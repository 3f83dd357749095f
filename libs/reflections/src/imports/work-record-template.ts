import * as XLSX from '@e965/xlsx';
import { CATEGORIES_BY_NATURE, CATEGORY_LABELS, NATURE_LABELS, NATURES, WORK_RECORD_COLUMNS } from '@integrity/domain';

export const TEMPLATE_SHEET = '工作紀錄表';
export const TEMPLATE_LISTS_SHEET = '填寫說明';

/** What each column takes, on the template's second sheet. */
const GUIDANCE: Record<string, string> = {
  受理日期: '民國年月日，例如 115/3/4、115.03.04、1150304、民國115年3月4日，或日期格式的儲存格（必填）',
  性質: `${NATURES.map((n) => NATURE_LABELS[n]).join(' 或 ')}（必填）`,
  類別: '可留空（匯入後為「未分類」）；填寫時須屬於所選性質，可選項目如下',
  '需求/反映等內容概述': '必填，4,000字以內',
  聯絡電話: '臺灣電話號碼，例如 04-2222-3333、0912-345-678',
  村里: '縣市鄉鎮市區村里全名最佳，例如 臺中市大里區東湖里；村里名冊查無者依原文保留',
  辦理情形: '已結案者必填',
  結案日期: '已結案者填寫，格式同受理日期；空白者匯入後仍列管待回復民眾',
};

function sheets(): { records: XLSX.WorkSheet; guidance: XLSX.WorkSheet } {
  const records = XLSX.utils.aoa_to_sheet([WORK_RECORD_COLUMNS.map((c) => c.header)]);
  records['!cols'] = WORK_RECORD_COLUMNS.map((c) => ({ wch: c.header === '需求/反映等內容概述' || c.header === '辦理情形' ? 40 : 14 }));
  const rows: string[][] = [['欄位', '填寫方式'], ...WORK_RECORD_COLUMNS.map((c) => [c.header, GUIDANCE[c.header] ?? (c.required ? '必填' : '可留空')])];
  rows.push([], ['性質', '類別']);
  for (const nature of NATURES) for (const category of CATEGORIES_BY_NATURE[nature]) rows.push([NATURE_LABELS[nature], CATEGORY_LABELS[category]]);
  const guidance = XLSX.utils.aoa_to_sheet(rows);
  guidance['!cols'] = [{ wch: 20 }, { wch: 70 }];
  return { records, guidance };
}

/** The template to fill in (ODS or XLSX): the form's columns on the first sheet, how to fill each on the second. */
export function workRecordTemplate(bookType: 'ods' | 'xlsx'): Buffer {
  const { records, guidance } = sheets();
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, records, TEMPLATE_SHEET);
  XLSX.utils.book_append_sheet(workbook, guidance, TEMPLATE_LISTS_SHEET);
  return XLSX.write(workbook, { type: 'buffer', bookType, compression: true }) as Buffer;
}
