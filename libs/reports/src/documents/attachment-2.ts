import { REPORT_STATUS_LABELS, rocDateText, taipeiDateOf } from '@integrity/domain';
import type { BiweeklyReportView } from '../queries/report-reader';
import { ROW_TITLES } from '../report-vocabulary';
import type { Printable } from './printable';

/** 已報送（報送日期：115年12月7日）, with how the head approved it. */
function statusLine(view: BiweeklyReportView): string {
  const report = view.report;
  const approval = report?.approvedOnBehalf ? `，首長${rocDateText(report.approvedOnBehalf.decidedOn)}核定（${report.approvedOnBehalf.documentNo}）` : '';
  const submitted = report?.submittedOn ? `（報送日期：${rocDateText(report.submittedOn)}${report.late ? '，逾期' : ''}${approval}）` : approval ? `（${approval.slice(1)}）` : '';
  return `辦理情形：${REPORT_STATUS_LABELS[view.status]}${submitted}`;
}

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
      statusLine(view),
      // The receipt: the audit checkpoint covering the submission. Later changes to the history contradict it.
      ...(view.report?.auditReceipt ? [`稽核存證：${rocDateText(taipeiDateOf(new Date(view.report.auditReceipt.recordedAt)))}紀錄雜湊根 ${view.report.auditReceipt.root}（涵蓋至第${view.report.auditReceipt.position}筆紀錄位置）`] : []),
      ...view.amendments.map((amendment, i) => `更正${i + 1}（${rocDateText(taipeiDateOf(new Date(amendment.at)))}）：${amendment.rows.map((r) => `${ROW_TITLES[r.kind]}計${r.count}案`).join('、')}`),
    ],
  };
}
