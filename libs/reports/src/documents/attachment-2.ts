import { REPORT_STATUS_LABELS, rocDateText, taipeiDateOf } from '@integrity/domain';
import type { BiweeklyReportView, ReportChangeView, ReportRowView, ReportVersionView } from '../queries/report-reader';
import type { Printable } from './printable';

/** 內容摘要 as Attachment 2 prints it: the text, then the count the system counted (……（計○案）。). */
export const summaryWithCount = (row: Pick<ReportRowView, 'summary' | 'count'>) => `${row.summary}（計${row.count}案）。`;

export const SEED_NOTE = '【註】「宣揚反貪倡廉資訊」免記載於附件1紀錄表；惟仍應填寫於本彙報表，並請各主管機關政風機構每隔二週，將本彙報表報送廉政署。';

/** 首長115年11月24日核定, and the 文號 when the unit recorded the head's signed paper. */
function approvalText(version: ReportVersionView): string {
  const approval = version.approval;
  if (!approval) return '尚待首長核定';
  if (approval.onBehalf) return `首長${rocDateText(approval.onBehalf.decidedOn)}核定（${approval.onBehalf.documentNo}）`;
  return `首長${rocDateText(taipeiDateOf(new Date(approval.approvedAt)))}核定`;
}

function submissionText(version: ReportVersionView): string {
  const submission = version.submission;
  if (!submission) return '尚未報送';
  const late = submission.late ? `，逾期${submission.daysLate ?? ''}日` : '';
  return `${rocDateText(submission.submittedOn)}報送廉政署${submission.dueOn ? `（期限${rocDateText(submission.dueOn)}${late}）` : ''}`;
}

/** 民情需求事項由2案更正為3案（增列115-0042） */
export function changeText(change: ReportChangeView): string {
  const added = change.addedCases.length ? `增列${change.addedCases.join('、')}` : '';
  const removed = change.removedCases.length ? `刪除${change.removedCases.join('、')}` : '';
  const cases = [added, removed].filter(Boolean).join('，');
  return `${change.title}由${change.before}案更正為${change.after}案${cases ? `（${cases}）` : ''}`;
}

/**
 * Each version the reader may see, as the form states it: what it corrects, who approved it and when (in person
 * or on paper with its 文號), when it went to the AAC, the hash of its content, and the audit receipt.
 */
export function versionLines(view: BiweeklyReportView): string[] {
  return view.versions.flatMap((version) => {
    const corrects = version.changes.length ? `（${version.changes.map(changeText).join('；')}）` : '';
    const lines = [`${version.label}${corrects}：${approvalText(version)}，${submissionText(version)}。`];
    if (version.approval?.hash) lines.push(`${version.label}內容雜湊（SHA-256）：${version.approval.hash}`);
    const receipt = version.submission?.auditReceipt;
    if (receipt) lines.push(`${version.label}稽核存證：${rocDateText(taipeiDateOf(new Date(receipt.recordedAt)))}紀錄雜湊根 ${receipt.root}（涵蓋${receipt.events}筆紀錄）`);
    return lines;
  });
}

/** 辦理情形：已報送（更正1）, or what the unit is still to do. */
export function statusLine(view: BiweeklyReportView): string {
  const shown = view.current ? `（${view.current.label}）` : '';
  const pending = view.correctionPending ? '，更正待辦' : '';
  return `辦理情形：${REPORT_STATUS_LABELS[view.status]}${shown}${pending}`;
}

/** Attachment 2 (工作成果彙報表) in the seed's layout and wording. */
export function attachment2(view: BiweeklyReportView): Printable {
  return {
    title: view.title,
    subtitle: `【資料統計期間：${view.rocPeriod}】`,
    table: {
      widths: [1, 2, 6, 4],
      header: ['項次', '實施方式', '內容摘要', '處理意見'],
      rows: view.rows.map((row, i) => [String(i + 1), row.title, summaryWithCount(row), row.opinions]),
    },
    notes: [SEED_NOTE, statusLine(view), ...versionLines(view)],
  };
}
