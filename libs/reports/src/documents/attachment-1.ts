import { rocDateText, type Reporter } from '@integrity/domain';
import type { ReflectionDocument } from '@integrity/read-models';
import type { Printable } from './printable';

export interface Attachment1Input {
  reflection: ReflectionDocument;
  unit: { name: string; agencyName: string };
  /** In clear, or what the reader may see instead. */
  reporter: Reporter | 'hidden' | null;
  recorderName: string | null;
}

/** Attachment 1 (村里廉政平臺工作紀錄表) for one reflection; reporter data only for roles that may see it. */
export function attachment1({ reflection, unit, reporter, recorderName }: Attachment1Input): Printable {
  const personal = (field: keyof Reporter) => {
    if (reporter === 'hidden') return '（個人資料，依權限不予顯示）';
    if (reflection.reporterErased) return '（已依當事人請求刪除）';
    return reporter?.[field] ?? (field === 'name' ? '（匿名）' : '');
  };
  const nature = reflection.nature === 'public_need' ? '■民情需求事項　□施政興革反映' : '□民情需求事項　■施政興革反映';
  return {
    title: `${unit.name}村里廉政平臺工作紀錄表`,
    subtitle: rocDateText(reflection.receivedOn),
    table: {
      widths: [1, 3],
      header: null,
      rows: [
        ['反映者姓名', personal('name')],
        ['職業', personal('occupation')],
        ['聯絡電話', personal('phone')],
        ['聯絡地址', personal('address')],
        ['性質', nature],
        ['需求/反映等內容概述', reflection.summary],
        ['處理意見', reflection.handlingOpinions.map((h) => h.opinion).join('\n')],
        ['紀錄人（簽名）', recorderName ?? ''],
        ['簽辦機關', unit.agencyName],
      ],
    },
    notes: ['【註】「宣揚反貪倡廉資訊」免記載於本紀錄表。'],
  };
}
