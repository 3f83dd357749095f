import { OBLIGATION_LABELS, OVERDUE_VISITS, reminderStageLabel as STAGE, rocDateText, type ObligationKind } from '@integrity/domain';
import type { ScheduledReminder } from './follow-up-queue.port';

/** The mail of a reminder, in Traditional Chinese. Only ids, kinds, sites and dates: never a reporter's data. */
export function reminderMail(reminder: ScheduledReminder, kind: ObligationKind, party: string | null, dueOn: string): { subject: string; text: string } {
  const what = party ? `${OBLIGATION_LABELS[kind]}（${party}）` : OBLIGATION_LABELS[kind];
  const where = 'planId' in reminder ? ['請登入村里廉政平臺查看造訪排程：/plans'] : [`案件編號：${reminder.reflectionId}`, '', `請登入村里廉政平臺查看案件：/cases/${reminder.reflectionId}`];
  return {
    subject: `村里廉政平臺追蹤提醒：${what}${STAGE(reminder.stage)}`,
    text: [`待辦事項：${what}`, `期限：民國${rocDateText(dueOn)}`, `提醒：${STAGE(reminder.stage)}`, '', ...where].join('\n'),
  };
}

/** The one mail of the visits already due when the plan came into force, earliest first. */
export function overdueVisitsMail(visits: { siteName: string | null; dueOn: string }[]): { subject: string; text: string } {
  const lines = [...visits].sort((a, b) => a.dueOn.localeCompare(b.dueOn)).map(({ siteName, dueOn }) => `・${siteName ?? '平臺'}：應於民國${rocDateText(dueOn)}造訪`);
  return {
    subject: `村里廉政平臺追蹤提醒：${STAGE(OVERDUE_VISITS.stage)}之造訪（${visits.length}處）`,
    text: ['細部實施計畫核定時，下列平臺聯絡人之定期造訪已屆期：', ...lines, '', '請儘速安排造訪；之後未造訪者，依逾期催辦程序通知政風主管。', '', '請登入村里廉政平臺查看造訪排程：/plans'].join('\n'),
  };
}
