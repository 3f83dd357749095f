import type { BiweeklyReportView } from '../queries/report-reader';
import { ROW_TITLES } from '../report-vocabulary';
import type { Printable } from './printable';

const STATUS = { not_drafted: '未擬稿', drafted: '擬稿中', approved: '已陳核', submitted: '已報送' } as const;

/** Attachment 2 (工作成果彙報表) in the seed's layout and wording. */
export function attachment2(view: BiweeklyReportView): Printable {
  return {
    title: view.title,
    subtitle: `【資料統計期間：${view.rocPeriod}】`,
    table: {
      widths: [1, 2, 6, 4],
      header: ['項次', '實施方式', '內容摘要', '處理意見'],
      rows: view.rows.map((row, i) => {
        const counted = `計${row.count}案`;
        return [String(i + 1), row.title, row.summary.includes(counted) ? row.summary : `${row.summary}\n（${counted}）`, row.opinions];
      }),
    },
    notes: [
      '【註】「宣揚反貪倡廉資訊」免記載於附件1紀錄表；惟仍應填寫於本彙報表，並請各主管機關政風機構每隔二週，將本彙報表報送廉政署。',
      `辦理情形：${STATUS[view.status]}${view.report?.submittedOn ? `（報送日期：${view.report.submittedOn}${view.report.late ? '，逾期' : ''}）` : ''}`,
      ...view.amendments.map((amendment, i) => `補正${i + 1}（${amendment.at.slice(0, 10)}）：${amendment.rows.map((r) => `${ROW_TITLES[r.kind]}計${r.count}案`).join('、')}`),
    ],
  };
}
