import { rocDateText, TASK_FORCE_ROLE_LABELS, THEME_LABELS } from '@integrity/domain';
import type { PlanDocument, SiteDocument } from '@integrity/read-models';
import type { Printable } from './printable';

const STATE_LABELS = { draft: '草案', in_force: '已核定實施', superseded: '已由新計畫取代' } as const;

/** The unit's detailed implementation plan on paper: its period, sites and how often each is visited, themes, task force, approval. */
export function planDocument(plan: PlanDocument, unitName: string, sites: SiteDocument[]): Printable {
  const site = (id: string) => sites.find((s) => s._id === id);
  const approval = plan.approval
    ? `機關首長核定：${rocDateText(plan.approval.approvedOn)}${plan.approval.onBehalf ? `（${plan.approval.onBehalf.documentNo}，首長紙本核定，由政風單位登錄）` : ''}`
    : '機關首長核定：尚未核定';
  return {
    title: `${unitName}${plan.title.startsWith(unitName) ? plan.title.slice(unitName.length) : plan.title}`,
    subtitle: `實施期間：${rocDateText(plan.validFrom)}至${rocDateText(plan.validTo)}`,
    table: {
      widths: [1, 4, 4, 2],
      header: ['項次', '平臺地點', '平臺聯絡人', '造訪頻率'],
      rows: plan.sites.map(({ siteId, visitEveryDays }, i) => {
        const s = site(siteId);
        const where = s ? `${s.name}（${s.county}${s.township}${s.village ?? ''}）` : siteId;
        const contact = s?.contact ? [s.contact.name, s.contact.phone].filter(Boolean).join('，') : '';
        return [String(i + 1), where, contact, `每${visitEveryDays}日`];
      }),
    },
    notes: [
      `互動主題：${plan.themes.length ? plan.themes.map((t) => THEME_LABELS[t] ?? t).join('、') : '無'}`,
      `任務編組：${plan.taskForce.length ? plan.taskForce.map((m) => `${m.name}（${TASK_FORCE_ROLE_LABELS[m.role]}）`).join('、') : '無'}`,
      ...(plan.notes ? [`備註：${plan.notes}`] : []),
      approval,
      `計畫狀態：${STATE_LABELS[plan.state]}`,
    ],
  };
}
