import type { ReadModelCollection } from '../read-model-store.port';
import type { ReflectionDocument } from './reflection-document';

/** Counts by key; a missing key (null in the reflection) is counted under `none`. */
export type Tally = Record<string, number>;

/**
 * One unit's dashboard counts, kept by the projection as reflections change rather than aggregated on each read.
 * What depends on the day it is read (overdue) is kept by due date; the median by the days it took.
 */
export interface DashboardCountsDocument {
  /** The unit's id. */
  _id: string;
  /** The greatest `_position` among the unit's reflections: the last event these counts hold. */
  _position: string;
  total: number;
  open: number;
  byStatus: Tally;
  byNature: Tally;
  byCategory: Tally;
  byTheme: Tally;
  byMonth: Tally;
  bySite: Tally;
  /**
   * Reflections by where the matter is: `v:<villageCode>` when the form named its village, else `s:<siteId>` (the
   * site's village, read where it is now: a site placed later moves its reflections with it), else `none`.
   */
  byPlace: Tally;
  /** The name each counted site was recorded under, by site id. */
  siteNames: Record<string, string | null>;
  /** Open reflections by their next due date (overdue are those due before today). */
  openByNextDueOn: Tally;
  /** Reflections by the days from receipt to their first citizen reply. */
  byDaysToCitizenReply: Tally;
}

export const NONE = 'none';

export function emptyCounts(unitId: string): DashboardCountsDocument {
  return { _id: unitId, _position: '', total: 0, open: 0, byStatus: {}, byNature: {}, byCategory: {}, byTheme: {}, byMonth: {}, bySite: {}, byPlace: {}, siteNames: {}, openByNextDueOn: {}, byDaysToCitizenReply: {} };
}

type Counted = Pick<ReflectionDocument, 'unitId' | 'status' | 'nature' | 'category' | 'theme' | 'receivedMonth' | 'siteId' | 'place' | 'siteName' | 'nextDueOn' | 'firstCitizenReplyDays'>;

function add(tally: Tally, key: string | number | null, by: number): void {
  const name = key === null ? NONE : String(key);
  const count = (tally[name] ?? 0) + by;
  if (count === 0) delete tally[name];
  else tally[name] = count;
}

export const placeKey = ({ place, siteId }: Pick<ReflectionDocument, 'place' | 'siteId'>): string | null => (place ? `v:${place.villageCode}` : siteId ? `s:${siteId}` : null);

/** Adds (by 1) or takes away (by -1) one reflection's part of its unit's counts. */
export function count(counts: DashboardCountsDocument, reflection: Counted, by: 1 | -1): void {
  counts.total += by;
  add(counts.byStatus, reflection.status, by);
  add(counts.byNature, reflection.nature, by);
  add(counts.byCategory, reflection.category, by);
  add(counts.byTheme, reflection.theme, by);
  add(counts.byMonth, reflection.receivedMonth, by);
  add(counts.bySite, reflection.siteId, by);
  add(counts.byPlace, placeKey(reflection), by);
  const site = reflection.siteId ?? NONE;
  if (counts.bySite[site] === undefined) delete counts.siteNames[site];
  else if (by > 0 && !(site in counts.siteNames)) counts.siteNames[site] = reflection.siteName;
  if (reflection.status !== 'closed') {
    counts.open += by;
    if (reflection.nextDueOn !== null) add(counts.openByNextDueOn, reflection.nextDueOn, by);
  }
  if (reflection.firstCitizenReplyDays !== null) add(counts.byDaysToCitizenReply, reflection.firstCitizenReplyDays, by);
}

/** What counting never reads: a reflection's texts and histories. */
const UNCOUNTED: (keyof ReflectionDocument)[] = ['summary', 'reporterSealed', 'handlingOpinions', 'departments', 'headDecisions', 'extensions', 'citizenNotices', 'withdrawals', 'referrals', 'citizenReplies', 'closings', 'reopenings', 'publications', 'obligations', 'citizenWithdrawal'];

/**
 * The units' counts aggregated afresh from their reflections: how counts are repaired after a batch was cut
 * off, and made for read models projected before counts were kept. Reads the reflections in pages of `_id`.
 */
export async function aggregateDashboardCounts(reflections: ReadModelCollection<ReflectionDocument>, unitIds?: string[]): Promise<DashboardCountsDocument[]> {
  const counts = new Map<string, DashboardCountsDocument>((unitIds ?? []).map((unitId) => [unitId, emptyCounts(unitId)]));
  const scope = unitIds ? { unitId: { $in: unitIds } } : {};
  for (let after = ''; ; ) {
    const page = await reflections.find({ ...scope, _id: { $gt: after } }, { sort: { _id: 1 }, limit: 2000, exclude: UNCOUNTED });
    if (page.length === 0) break;
    for (const reflection of page) {
      const unit = counts.get(reflection.unitId) ?? emptyCounts(reflection.unitId);
      counts.set(reflection.unitId, unit);
      count(unit, reflection, 1);
      if (reflection._position > unit._position) unit._position = reflection._position;
    }
    after = page[page.length - 1]._id;
  }
  return [...counts.values()];
}

/** One reflection as a batch found it and as the batch left it. */
export interface ReflectionChange {
  before: ReflectionDocument | null;
  after: ReflectionDocument;
}

/**
 * The counts a batch's changes leave each touched unit with. Counts are kept by difference: what each reflection
 * adds now less what it added before. A difference is only right against counts and reflections at the batch's
 * starting checkpoint; when either is already past it (a batch cut off after some of its writes, or a second
 * projector during a failover), the touched units are counted afresh from their reflections, already written.
 */
export async function countsAfterBatch(
  collection: ReadModelCollection<DashboardCountsDocument>,
  reflections: ReadModelCollection<ReflectionDocument>,
  changes: ReflectionChange[],
  checkpoint: string,
): Promise<DashboardCountsDocument[]> {
  const unitIds = [...new Set(changes.flatMap(({ before, after }) => [after.unitId, ...(before ? [before.unitId] : [])]))];
  if (unitIds.length === 0) return [];
  const loaded = await collection.find({ _id: { $in: unitIds } });
  const ahead = loaded.some((counts) => counts._position > checkpoint) || changes.some(({ before }) => before !== null && before._position > checkpoint);
  if (ahead) return aggregateDashboardCounts(reflections, unitIds);
  const counts = new Map(unitIds.map((unitId) => [unitId, structuredClone(loaded.find((c) => c._id === unitId) ?? emptyCounts(unitId))]));
  for (const { before, after } of changes) {
    if (before) count(counts.get(before.unitId) as DashboardCountsDocument, before, -1);
    const unit = counts.get(after.unitId) as DashboardCountsDocument;
    count(unit, after, 1);
    if (after._position > unit._position) unit._position = after._position;
  }
  return [...counts.values()];
}
