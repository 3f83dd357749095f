import {
  CHANNEL_LABELS,
  HEAD_DECISION_LABELS,
  HEAD_SUBJECT_LABELS,
  NOTICE_KIND_LABELS,
  OBLIGATION_LABELS,
  rocDateText as roc,
  type Reporter,
} from '@integrity/domain';
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
    subtitle: roc(reflection.receivedOn),
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
        ['辦理情形', handlingRecord(reflection).join('\n')],
        ['紀錄人（簽名）', recorderName ?? ''],
        ['簽辦機關', unit.agencyName],
      ],
    },
    notes: ['【註】「宣揚反貪倡廉資訊」免記載於本紀錄表。'],
  };
}

/** The steps the case went through, in the words of the service: routing, the head, referrals, notices to the citizen. */
function handlingRecord(r: ReflectionDocument): string[] {
  return [
    ...r.departments.map((d) => `簽會${d.department}（${roc(d.routedOn)}）${d.response ? `，答復：${d.response}` : ''}`),
    ...r.headDecisions.map((h) => {
      const what = `${HEAD_SUBJECT_LABELS[h.subject] ?? h.subject}${h.agency ? `（${h.agency}）` : ''}`;
      const paper = h.onBehalf ? `，首長${roc(h.onBehalf.decidedOn)}紙本核示（${h.onBehalf.documentNo}），由政風單位代為登錄` : '';
      return `機關首長核示${what}：${h.decision ? (HEAD_DECISION_LABELS[h.decision] ?? h.decision) : '待核示'}${paper}${h.instructions ? `，指示：${h.instructions}` : ''}`;
    }),
    ...r.referrals.map((f) => `函請${f.agency}參處（${f.letterNo}，${roc(f.sentOn)}）${f.reply ? `，函復：${f.reply}` : ''}`),
    ...(r.extensions ?? []).map((e) => `展延回復期限：${roc(e.previousDueOn)}至${roc(e.newDueOn)}，理由：${e.reason}`),
    ...(r.citizenNotices ?? []).map((n) => `通知陳情人${NOTICE_KIND_LABELS[n.kind] ?? n.kind}（${CHANNEL_LABELS[n.channel] ?? n.channel}，${roc(n.sentOn)}）：${n.content}`),
    ...(r.withdrawals ?? []).map((w) => `撤回${OBLIGATION_LABELS[w.kind] ?? w.kind}${w.party ? `（${w.party}）` : ''}：${w.reason}`),
    ...r.citizenReplies.map((c) => `回復民眾（${CHANNEL_LABELS[c.channel] ?? c.channel}，${roc(c.repliedOn)}）：${c.content}`),
  ];
}
