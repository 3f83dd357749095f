import { rocDateText, type ObligationKind } from '@integrity/domain';
import type { ScheduledReminder } from './follow-up-queue.port';

const KIND: Record<ObligationKind, string> = {
  citizen_reply: '回復民眾',
  department_answer: '業務單位答復',
  head_decision: '機關首長核示',
  agency_reply: '他機關函復',
  referral_notice: '通知陳情人移送他機關',
  extension_notice: '書面通知陳情人展延理由',
};

const STAGE = (stage: string) => (stage === 'before_due' ? '即將到期' : stage === 'due' ? '今日到期' : `逾期催辦（第${stage.slice('escalation_'.length)}次）`);

/** The mail of a reminder, in Traditional Chinese. Only ids, kinds and dates: never a reporter's data. */
export function reminderMail(reminder: ScheduledReminder, kind: ObligationKind, party: string | null, dueOn: string): { subject: string; text: string } {
  const what = party ? `${KIND[kind]}（${party}）` : KIND[kind];
  return {
    subject: `村里廉政平臺追蹤提醒：${what}${STAGE(reminder.stage)}`,
    text: [
      `案件編號：${reminder.reflectionId}`,
      `待辦事項：${what}`,
      `期限：民國${rocDateText(dueOn)}`,
      `提醒：${STAGE(reminder.stage)}`,
      '',
      `請登入村里廉政平臺查看案件：/reflections/${reminder.reflectionId}`,
    ].join('\n'),
  };
}
