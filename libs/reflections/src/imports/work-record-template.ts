import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { CATEGORIES, CATEGORY_LABELS, NATURE_LABELS, NATURES, WORK_RECORD_COLUMNS, CATEGORIES_BY_NATURE } from '@integrity/domain';

export const TEMPLATE_SHEET = '工作紀錄表';
export const TEMPLATE_GUIDE_SHEET = '填寫說明';

/** The rows of the template that offer the drop-down lists, after its header. */
const LISTED_ROWS = 5000;

/** What each column takes, on the template's second sheet. */
const GUIDANCE: Record<string, string> = {
  受理日期: '民國年月日，例如 115/3/4、115.03.04、1150304、民國115年3月4日，或日期格式的儲存格（必填）',
  性質: `${NATURES.map((n) => NATURE_LABELS[n]).join(' 或 ')}（必填，可由下拉選單選擇）`,
  類別: '可留空（匯入後為「未分類」）；填寫時須屬於所選性質（可由下拉選單選擇），對照如下',
  '需求/反映等內容概述': '必填，4,000字以內',
  聯絡電話: '臺灣電話號碼，例如 04-2222-3333、0912-345-678',
  村里: '縣市鄉鎮市區村里全名最佳，例如 臺中市大里區東湖里；村里名冊查無者依原文保留',
  辦理情形: '已結案者必填',
  結案日期: '已結案者填寫，格式同受理日期；空白者匯入後仍列管待回復民眾',
};

const natureLabels = NATURES.map((n) => NATURE_LABELS[n]);
const categoryLabels = CATEGORIES.map((c) => CATEGORY_LABELS[c]);
const columnOf = (header: string) => WORK_RECORD_COLUMNS.findIndex((c) => c.header === header);

function workbook(): XLSX.WorkBook {
  const records = XLSX.utils.aoa_to_sheet([WORK_RECORD_COLUMNS.map((c) => c.header)]);
  records['!cols'] = WORK_RECORD_COLUMNS.map((c) => ({ wch: c.header === '需求/反映等內容概述' || c.header === '辦理情形' ? 40 : 14 }));
  // Columns D and E hold the drop-downs' choices, which the XLSX's lists refer to.
  const rows: string[][] = [['欄位', '填寫方式', '', '性質選項', '類別選項'], ...WORK_RECORD_COLUMNS.map((c) => [c.header, GUIDANCE[c.header] ?? (c.required ? '必填' : '可留空')])];
  natureLabels.forEach((label, i) => (rows[i + 1][3] = label));
  categoryLabels.forEach((label, i) => (rows[i + 1][4] = label));
  rows.push([], ['性質', '類別']);
  for (const nature of NATURES) for (const category of CATEGORIES_BY_NATURE[nature]) rows.push([NATURE_LABELS[nature], CATEGORY_LABELS[category]]);
  const guide = XLSX.utils.aoa_to_sheet(rows.map((row) => Array.from({ length: Math.max(row.length, 0) }, (_, i) => row[i] ?? '')));
  guide['!cols'] = [{ wch: 20 }, { wch: 70 }, { wch: 2 }, { wch: 16 }, { wch: 40 }];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, records, TEMPLATE_SHEET);
  XLSX.utils.book_append_sheet(book, guide, TEMPLATE_GUIDE_SHEET);
  return book;
}

const letter = (index: number) => String.fromCharCode(65 + index);
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** XLSX: list validations on 性質 and 類別, choosing from the guide sheet's columns D and E. */
async function withXlsxLists(file: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const path = 'xl/worksheets/sheet1.xml';
  const list = (header: string, column: string, count: number) => {
    const at = `${letter(columnOf(header))}2:${letter(columnOf(header))}${LISTED_ROWS + 1}`;
    return `<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="${xml(header)}" error="請由清單選擇" sqref="${at}"><formula1>'${TEMPLATE_GUIDE_SHEET}'!$${column}$2:$${column}$${count + 1}</formula1></dataValidation>`;
  };
  const validations = `<dataValidations count="2">${list('性質', 'D', natureLabels.length)}${list('類別', 'E', categoryLabels.length)}</dataValidations>`;
  zip.file(path, (await zip.file(path)!.async('string')).replace('</sheetData>', `</sheetData>${validations}`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** ODS: the same lists as content validations, on the first sheet's rows under its header. */
async function withOdsLists(file: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const condition = (labels: string[]) => xml(`of:cell-content-is-in-list(${labels.map((l) => `"${l}"`).join(';')})`);
  const validation = (name: string, labels: string[]) =>
    `<table:content-validation table:name="${name}" table:condition="${condition(labels)}" table:allow-empty-cell="true" table:display-list="unsorted"><table:error-message table:display="true" table:message-type="stop"><text:p>請由清單選擇</text:p></table:error-message></table:content-validation>`;
  const validations = `<table:content-validations>${validation('nature', natureLabels)}${validation('category', categoryLabels)}</table:content-validations>`;
  const cells = WORK_RECORD_COLUMNS.map((c) => (c.header === '性質' ? '<table:table-cell table:content-validation-name="nature"/>' : c.header === '類別' ? '<table:table-cell table:content-validation-name="category"/>' : '<table:table-cell/>')).join('');
  const rows = `<table:table-row table:number-rows-repeated="${LISTED_ROWS}">${cells}</table:table-row>`;
  let content = await zip.file('content.xml')!.async('string');
  content = content.replace('<office:spreadsheet>', `<office:spreadsheet>${validations}`);
  // The header is the first sheet's only row: the listed rows follow it.
  content = content.replace('</table:table-row>', `</table:table-row>${rows}`);
  zip.file('content.xml', content);
  // The ODF package keeps `mimetype` first and uncompressed.
  const out = new JSZip();
  out.file('mimetype', await zip.file('mimetype')!.async('string'), { compression: 'STORE' });
  for (const [name, entry] of Object.entries(zip.files)) if (name !== 'mimetype' && !entry.dir) out.file(name, await entry.async('nodebuffer'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * The template to fill in (ODS or XLSX): the form's columns on the first sheet, with drop-down lists on 性質 and
 * 類別; how to fill each column, and which categories belong to which nature, on the second.
 */
export async function workRecordTemplate(bookType: 'ods' | 'xlsx'): Promise<Buffer> {
  const file = XLSX.write(workbook(), { type: 'buffer', bookType, compression: true }) as Buffer;
  return bookType === 'xlsx' ? withXlsxLists(file) : withOdsLists(file);
}
