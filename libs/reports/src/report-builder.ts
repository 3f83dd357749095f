import { REPORT_ROW_KINDS, type ReportingPeriod, type ReportRowFacts, type ReportRowKind, type ReportRowText } from '@integrity/domain';
import { streamIdOf, type EventStore } from '@integrity/event-store';
import { recordedBy, reflectionFrom, type ActiveReadModels, type ReflectionDocument } from '@integrity/read-models';
import { handlingOf } from './handling-summary';

export interface ReportItem {
  id: string;
  /** The unit's case number (115-0042); null for promotion. */
  caseNo: string | null;
  date: string;
  /** The reflection's category, or the promotion's kind. */
  category: string;
  summary: string;
  /** What was done about it, composed from its events (簽會工務課、工務課已答復、已回復民眾); empty for promotion. */
  handling: string;
}

export interface BuiltRow {
  facts: ReportRowFacts;
  composed: ReportRowText;
  items: ReportItem[];
}

const TEXT_LIMIT = 1000;

const capped = (text: string) => (text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text);

/** The row's 內容摘要 before its count, which the forms print from the counts. */
const composeSummary = (items: ReportItem[]) => (items.length === 0 ? '無' : capped(items.map((item) => item.summary).join('；')));

/** The row's 處理意見: each case by its number with what was done about it. */
const composeOpinions = (items: ReportItem[]) => {
  const handled = items.filter((item) => item.handling !== '');
  return handled.length === 0 ? '無' : capped(handled.map((item) => `${item.caseNo}：${item.handling}`).join('；'));
};

const counted = (items: ReportItem[]) => items.reduce<Record<string, number>>((counts, item) => ({ ...counts, [item.category]: (counts[item.category] ?? 0) + 1 }), {});

const itemOf = (doc: ReflectionDocument): ReportItem => ({ id: doc._id, caseNo: doc.caseNo, date: doc.receivedOn, category: doc.category, summary: doc.summary, handling: handlingOf(doc) });

/**
 * Attachment 2's three rows for a unit and period, from the read models: an item belongs to the period of its own
 * Taipei date. As of an instant, each case is told as it stood then (its own events up to that instant).
 */
export class BiweeklyReportBuilder {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly events: EventStore,
  ) {}

  async build(unitId: string, period: ReportingPeriod, asOf: Date | null = null): Promise<BuiltRow[]> {
    const set = await this.readModels.current();
    const within = { $gte: period.start, $lte: period.end };
    const [reflections, promotions] = await Promise.all([
      set.reflections.find({ unitId, receivedOn: within }, { sort: { receivedOn: 1, _id: 1 } }),
      set.promotions.find({ unitId, heldOn: within }, { sort: { heldOn: 1, _id: 1 } }),
    ]);
    const rows = new Map<ReportRowKind, ReportItem[]>(REPORT_ROW_KINDS.map((kind) => [kind, []]));
    for (const live of reflections) {
      const doc = asOf ? await this.asItStood(live, asOf) : live;
      if (doc) rows.get(doc.nature as ReportRowKind)?.push(itemOf(doc));
    }
    for (const doc of promotions) {
      const quantity = doc.quantity === null ? '' : `（數量${doc.quantity}）`;
      rows.get('promotion')?.push({ id: doc._id, caseNo: null, date: doc.heldOn, category: doc.kind, summary: `${doc.description}${quantity}`, handling: '' });
    }
    return REPORT_ROW_KINDS.map((kind) => {
      const items = rows.get(kind) as ReportItem[];
      return {
        facts: { kind, count: items.length, countsByCategory: counted(items), itemIds: items.map((item) => item.id) },
        composed: { kind, summary: composeSummary(items), opinions: composeOpinions(items) },
        items,
      };
    });
  }

  /** The case as its events up to the instant tell it; its number is the one it has now. */
  private async asItStood(live: ReflectionDocument, asOf: Date): Promise<ReflectionDocument | null> {
    const doc = reflectionFrom(recordedBy(await this.events.readStream(streamIdOf('reflection', live._id)), asOf), null);
    return doc && { ...doc, caseNo: live.caseNo };
  }
}
