import { OBLIGATION_LABELS, reminderStageLabel as STAGE, rocDateText, type ObligationKind } from '@integrity/domain';
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
