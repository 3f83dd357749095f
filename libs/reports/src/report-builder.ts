import { REPORT_ROW_KINDS, type ReportingPeriod, type ReportRowFacts, type ReportRowKind, type ReportRowText } from '@integrity/domain';
import type { ActiveReadModels } from '@integrity/read-models';

export interface ReportItem {
  id: string;
  date: string;
  /** The reflection's category, or the promotion's kind. */
  category: string;
  summary: string;
  /** The reflection's handling opinions (處理意見), in order; none for promotion. */
  opinions: string[];
}

export interface BuiltRow {
  facts: ReportRowFacts;
  composed: ReportRowText;
  items: ReportItem[];
}

const SUMMARY_LIMIT = 1000;

function composeSummary(items: ReportItem[]): string {
  if (items.length === 0) return '無（計0案）';
  let text = items.map((item) => item.summary).join('；');
  if (text.length > SUMMARY_LIMIT) text = `${text.slice(0, SUMMARY_LIMIT)}…`;
  return `${text}（計${items.length}案）`;
}

const counted = (items: ReportItem[]) => items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [item.category]: (counts[item.category] ?? 0) + 1 }), {});

/** Attachment 2's three rows for a unit and period, from the read models: an item belongs to the period of its own Taipei date. */
export class BiweeklyReportBuilder {
  constructor(private readonly readModels: ActiveReadModels) {}

  async build(unitId: string, period: ReportingPeriod): Promise<BuiltRow[]> {
    const set = await this.readModels.current();
    const within = { $gte: period.start, $lte: period.end };
    const [reflections, promotions] = await Promise.all([
      set.reflections.find({ unitId, receivedOn: within }, { sort: { receivedOn: 1, _id: 1 } }),
      set.promotions.find({ unitId, heldOn: within }, { sort: { heldOn: 1, _id: 1 } }),
    ]);
    const rows = new Map<ReportRowKind, { items: ReportItem[]; opinions: string[] }>(REPORT_ROW_KINDS.map((kind) => [kind, { items: [], opinions: [] }]));
    for (const doc of reflections) {
      const row = rows.get(doc.nature as ReportRowKind);
      if (!row) continue;
      row.items.push({ id: doc._id, date: doc.receivedOn, category: doc.category, summary: doc.summary, opinions: doc.handlingOpinions.map((h) => h.opinion) });
      const latest = doc.handlingOpinions[doc.handlingOpinions.length - 1]?.opinion;
      if (latest && !row.opinions.includes(latest)) row.opinions.push(latest);
    }
    const promotion = rows.get('promotion') as { items: ReportItem[]; opinions: string[] };
    for (const doc of promotions) {
      const quantity = doc.quantity === null ? '' : `（數量${doc.quantity}）`;
      promotion.items.push({ id: doc._id, date: doc.heldOn, category: doc.kind, summary: `${doc.description}${quantity}`, opinions: [] });
    }
    return REPORT_ROW_KINDS.map((kind) => {
      const { items, opinions } = rows.get(kind) as { items: ReportItem[]; opinions: string[] };
      return {
        facts: { kind, count: items.length, countsByCategory: counted(items), itemIds: items.map((item) => item.id) },
        composed: { kind, summary: composeSummary(items), opinions: opinions.length ? opinions.join('；') : '無' },
        items,
      };
    });
  }
}
