import * as XLSX from '@e965/xlsx';
import { WORK_RECORD_COLUMNS } from '@integrity/domain';

/**
 * `count` work records as a unit's clerks kept them over three ROC years (112–114), as an XLSX file: dates
 * written three ways, both natures, one in five with its village, three in four closed with what was done.
 */
export function generatedWorkRecords(count: number): Buffer {
  const dates = [(y: number, m: number, d: number) => `${y}/${m}/${d}`, (y: number, m: number, d: number) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`, (y: number, m: number, d: number) => `民國${y}年${m}月${d}日`];
  const rows = Array.from({ length: count }, (_, i) => {
    const [year, month, day] = [112 + (i % 3), 1 + (i % 12), 1 + (i % 27)];
    const closed = i % 4 !== 0;
    const cells: Record<string, string | null> = {
      受理日期: dates[i % 3](year, month, day),
      反映者姓名: `民眾${i}`,
      聯絡電話: `09${String(10_000_000 + i).slice(-8)}`,
      性質: i % 2 === 0 ? '民情需求' : '施政興革',
      '需求/反映等內容概述': `第${i}號紀錄：社區道路坑洞待修補`,
      村里: i % 5 === 0 ? '臺中市大里區東湖里' : null,
      辦理情形: closed ? '已函請權責機關處理' : null,
      結案日期: closed ? `${year}/${month}/28` : null,
    };
    return WORK_RECORD_COLUMNS.map((c) => cells[c.header] ?? null);
  });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([WORK_RECORD_COLUMNS.map((c) => c.header), ...rows]), '工作紀錄表');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
