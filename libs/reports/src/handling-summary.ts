import { rocDateText } from '@integrity/domain';
import type { ReflectionDocument } from '@integrity/read-models';

/** A step of a case's handling, dated so that the steps read in the order they were taken. */
type Step = { on: string; text: string };

const HEAD_OUTCOME: Record<string, string> = { approved: '奉核', returned: '經首長退回' };

/**
 * What was done about a case, in the words of the programme (玖、追蹤管制) and of the seed's forms: 簽會工務課、
 * 工務課已答復、陳報首長奉核、函請經濟部水利署參處（府政字第1150001號）、經濟部水利署函復、展延至116年1月29日、
 * 已回復民眾、已結案. Composed from the case's events, so the report's 處理意見 starts from what happened and
 * the clerk edits from there. Empty when nothing was done yet but the opinion typed at intake, which it then is.
 */
export function handlingOf(doc: ReflectionDocument): string {
  const steps: Step[] = [];
  for (const d of doc.departments) {
    steps.push({ on: d.routedOn, text: `簽會${d.department}` });
    if (d.respondedOn) steps.push({ on: d.respondedOn, text: `${d.department}已答復` });
  }
  for (const h of doc.headDecisions) {
    const outcome = h.decision ? HEAD_OUTCOME[h.decision] ?? '' : '';
    const on = h.requestedOn ?? h.decidedOn ?? '';
    if (h.subject === 'report') steps.push({ on, text: `陳報首長${outcome}` });
    else if (h.subject === 'referral') steps.push({ on, text: `簽報首長核可函請${h.agency}參處${outcome ? `，${outcome}` : ''}` });
    else if (h.decision === 'returned') steps.push({ on, text: '簽請展延，經首長退回' });
  }
  for (const r of doc.referrals) {
    steps.push({ on: r.sentOn, text: `函請${r.agency}參處（${r.letterNo}）` });
    if (r.repliedOn) steps.push({ on: r.repliedOn, text: `${r.agency}函復${r.replyLetterNo ? `（${r.replyLetterNo}）` : ''}` });
  }
  for (const e of doc.extensions ?? []) steps.push({ on: e.extendedOn, text: `展延至${rocDateText(e.newDueOn)}` });
  for (const w of doc.withdrawals ?? []) {
    if (w.kind === 'department_answer') steps.push({ on: w.withdrawnOn, text: `撤回會辦${w.party}` });
    if (w.kind === 'agency_reply') steps.push({ on: w.withdrawnOn, text: `撤回函請${w.party}參處` });
  }
  for (const n of doc.citizenNotices ?? []) steps.push({ on: n.sentOn, text: n.kind === 'referral' ? `函知陳情人已移送${n.agency}` : '以書面告知陳情人展延理由' });
  for (const c of doc.citizenReplies) steps.push({ on: c.repliedOn, text: '已回復民眾' });
  if (doc.citizenWithdrawal) steps.push({ on: doc.citizenWithdrawal.withdrawnOn, text: '陳情人撤回' });
  for (const c of doc.closings) steps.push({ on: c.closedOn, text: '已結案' });
  for (const r of doc.reopenings) steps.push({ on: r.reopenedOn, text: '恢復列管' });
  if (steps.length === 0) return doc.handlingOpinions[doc.handlingOpinions.length - 1]?.opinion ?? '';
  // Steps of one day keep the order above (the programme's order); sorting is stable.
  return steps
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
    .map((step) => step.text)
    .join('、');
}
