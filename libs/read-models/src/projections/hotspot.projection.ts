import { officialName } from '@integrity/domain';
import { bandKeysOf, jaccard, MatterTerms } from '@integrity/hotspots';
import { guarded } from './guarded-writes';
import type { ReadModelCollection, WriteOperation } from '../read-model-store.port';
import type { ReflectionDocument } from './reflection-document';

/**
 * Hotspots (熱點): reflections about the same matter, raised again and again, often with several units. Two
 * reflections are about the same matter when they are in the same town, share their category or theme, were
 * received within half a year of each other and share enough of their terms (Jaccard ≥ SIMILAR); a hotspot is a
 * group linked so. Kept by the projection as reflections arrive: each is compared only with those sharing a MinHash
 * band in its town (found through a multikey index on the bands), never with every other.
 */
export const SIMILAR = 0.15;
/**
 * A reflection this alike to one already compared is kept without bands: the earlier one stands for it, so a matter
 * raised a thousand times in the same words is compared once, not a thousand times, with each new reflection.
 */
export const NEAR_DUPLICATE = 0.8;
/** Reflections further apart than this are not linked, however alike: a matter is a matter of its season. */
export const LINK_WINDOW_DAYS = 183;

/** One reflection as hotspots compare it; no personal data (the summary's terms, not its text). */
export interface HotspotMemberDocument {
  _id: string;
  _position: string;
  /** positionKey of its ReflectionReceived: the order reflections joined in. */
  receiptKey: string;
  hotspotId: string | null;
  unitId: string;
  county: string;
  township: string;
  village: string | null;
  category: string;
  theme: string | null;
  receivedOn: string;
  words: string[];
  terms: string[];
  /** Its MinHash bands' keys, each after its town (臺中市大里區|3:9f2c01ab): those sharing one are compared. */
  bands: string[];
}

export interface HotspotReview {
  note: string;
  reviewedAt: string;
  reviewedBy: string;
  reflectionIds: string[];
}

export interface HotspotDocument {
  /** The id of the reflection that began it (the earliest of those joined when it was found). */
  _id: string;
  _position: string;
  /** receiptKey of the member it is named after; of two hotspots merged, the earlier one's name stays. */
  createdKey: string;
  /** The names of hotspots merged into this one: a review of one of them is this one's. */
  aliases: string[];
  county: string;
  township: string;
  villages: string[];
  units: string[];
  unitCount: number;
  /** How many of its reflections each unit received: a unit sees the hotspots with two or more of its own. */
  byUnit: Record<string, number>;
  reflectionIds: string[];
  /** Its reflections in the order received: which unit, where, when (never who). */
  reflections: { id: string; unitId: string; village: string | null; receivedOn: string }[];
  size: number;
  categories: string[];
  themes: string[];
  /** How many of its reflections use each word: its summary is the most used. */
  wordCounts: Record<string, number>;
  words: string[];
  firstOn: string;
  latestOn: string;
  reviews: HotspotReview[];
}

export interface HotspotCollections {
  hotspots: ReadModelCollection<HotspotDocument>;
  hotspotMembers: ReadModelCollection<HotspotMemberDocument>;
}

/** What a batch brings to the hotspots, in the log's order. */
export type HotspotFact =
  | { kind: 'received'; reflection: ReflectionDocument; key: string }
  | { kind: 'reviewed'; hotspotId: string; review: HotspotReview; key: string };

const SUMMARY_WORDS = 5;
const DAY_MS = 86_400_000;
const dayNumbers = new Map<string, number>();
/** Days between two dates; a rebuild compares the same few hundred dates millions of times, so each is parsed once. */
const daysBetween = (a: string, b: string) => Math.abs(dayNumber(a) - dayNumber(b));
const dayNumber = (date: string) => dayNumbers.get(date) ?? (dayNumbers.set(date, Date.parse(date) / DAY_MS).get(date) as number);
const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

/** Words ranked by how many reflections use them, then by the order of first use (the first found breaks ties). */
function topWords(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, SUMMARY_WORDS)
    .map(([word]) => word);
}

/**
 * Applies a batch's facts to the hotspots: loads the members sharing a band with the new ones and their hotspots, links and merges in
 * memory, and answers the writes. Applied again after a cut-off, it gives the same documents (members join sets).
 */
export async function hotspotWrites(collections: HotspotCollections, facts: HotspotFact[], matterTerms: MatterTerms): Promise<{
  hotspots: WriteOperation<HotspotDocument>[];
  members: WriteOperation<HotspotMemberDocument>[];
}> {
  const arriving = facts.flatMap((fact) => (fact.kind === 'received' && fact.reflection.county && fact.reflection.township ? [memberOf(fact.reflection, fact.key, matterTerms)] : []));
  const bands = [...new Set(arriving.flatMap((member) => member.bands))];
  const members = byId(bands.length === 0 ? [] : await collections.hotspotMembers.find({ bands: { $in: bands } }));
  for (const written of await collections.hotspotMembers.find({ _id: { $in: arriving.map((m) => m._id).filter((id) => !members.has(id)) } })) members.set(written._id, written);
  /** The members sharing a band, in the order they joined: those of earlier batches, then this batch's. */
  const byBand = new Map<string, string[]>();
  const inBand = (band: string) => byBand.get(band) ?? byBand.set(band, []).get(band) as string[];
  for (const member of members.values()) for (const band of member.bands) inBand(band).push(member._id);
  const reviewed = facts.flatMap((fact) => (fact.kind === 'reviewed' ? [fact.hotspotId] : []));
  const hotspotIds = [...new Set([...[...members.values()].map((m) => m.hotspotId).filter((id): id is string => id !== null), ...reviewed])];
  const hotspots = byId(await collections.hotspots.find({ _id: { $in: hotspotIds } }));
  const missing = reviewed.filter((id) => !hotspots.has(id));
  if (missing.length > 0) for (const merged of await collections.hotspots.find({ aliases: { $in: missing } })) hotspots.set(merged._id, merged);
  const changed = { hotspots: new Set<string>(), members: new Set<string>() };
  const removed = new Set<string>();
  const arrivingById = new Map(arriving.map((member) => [member._id, member]));

  /** The members of a hotspot not yet loaded (merged from a hotspot the batch had not touched). */
  const loadMembers = async (ids: string[]) => {
    const absent = ids.filter((id) => !members.has(id));
    if (absent.length > 0) for (const member of await collections.hotspotMembers.find({ _id: { $in: absent } })) members.set(member._id, member);
  };

  for (const fact of facts) {
    if (fact.kind === 'reviewed') {
      const hotspot = hotspots.get(fact.hotspotId) ?? [...hotspots.values()].find((h) => h.aliases.includes(fact.hotspotId));
      // A hotspot already past this review holds it (an earlier run of this batch wrote it).
      if (!hotspot || hotspot._position >= fact.key) continue;
      hotspot.reviews.push(fact.review);
      hotspot._position = fact.key;
      changed.hotspots.add(hotspot._id);
      continue;
    }
    const member = arrivingById.get(fact.reflection._id);
    if (!member) continue;
    const written = members.get(member._id);
    const similar = new Set<string>();
    let duplicate = false;
    for (const band of member.bands) {
      for (const id of byBand.get(band) ?? []) {
        const other = members.get(id);
        // Only those before it in the log: a batch applied again finds the later ones written already.
        if (!other || other.receiptKey >= member.receiptKey || similar.has(id)) continue;
        const alike = likeness(member, other);
        if (alike < SIMILAR) continue;
        similar.add(id);
        duplicate ||= alike >= NEAR_DUPLICATE;
      }
    }
    if (duplicate) member.bands = [];
    if (!written) for (const band of member.bands) inBand(band).push(member._id);
    const joined: HotspotMemberDocument = { ...member, hotspotId: written?.hotspotId ?? null, _position: fact.key };
    members.set(member._id, joined);
    changed.members.add(member._id);
    if (similar.size === 0) continue;

    // The hotspots of the alike reflections become one, named as the earliest found of them (a new one after its
    // earliest reflection); alike reflections in none join it.
    const group = [...similar].map((id) => members.get(id) as HotspotMemberDocument).concat(joined);
    const groups = [...new Set(group.map((m) => m.hotspotId).filter((id): id is string => id !== null && hotspots.has(id)))]
      .map((id) => hotspots.get(id) as HotspotDocument)
      .sort((a, b) => a.createdKey.localeCompare(b.createdKey));
    const target = groups[0] ?? emptyHotspot(group.reduce((a, b) => (a.receiptKey <= b.receiptKey ? a : b)));
    for (const absorbed of groups.slice(1)) {
      await loadMembers(absorbed.reflectionIds);
      for (const id of absorbed.reflectionIds) group.push(members.get(id) as HotspotMemberDocument);
      target.aliases = union(target.aliases, [absorbed._id, ...absorbed.aliases]);
      target.reviews = [...target.reviews, ...absorbed.reviews].sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
      hotspots.delete(absorbed._id);
      removed.add(absorbed._id);
    }
    for (const m of group) if (!target.reflectionIds.includes(m._id)) addMember(target, m);
    for (const m of group) {
      if (m.hotspotId === target._id) continue;
      members.set(m._id, { ...m, hotspotId: target._id, _position: fact.key });
      changed.members.add(m._id);
    }
    target._position = fact.key;
    target.words = topWords(target.wordCounts);
    hotspots.set(target._id, target);
    changed.hotspots.add(target._id);
  }

  return {
    hotspots: [
      ...[...removed].map((id) => ({ deleteOne: { filter: { _id: id } } })),
      ...guarded([...changed.hotspots].filter((id) => !removed.has(id)).map((id) => hotspots.get(id) as HotspotDocument)),
    ],
    members: guarded([...changed.members].map((id) => members.get(id) as HotspotMemberDocument)),
  };
}

/** How alike two reflections' terms are (Jaccard), or 0 when they cannot be about the same matter (see SIMILAR). */
function likeness(a: HotspotMemberDocument, b: HotspotMemberDocument): number {
  if (a.county !== b.county || a.township !== b.township) return 0;
  if (a.category !== b.category && (a.theme === null || a.theme !== b.theme)) return 0;
  return daysBetween(a.receivedOn, b.receivedOn) <= LINK_WINDOW_DAYS ? jaccard(a.terms, b.terms) : 0;
}

function memberOf(reflection: ReflectionDocument, key: string, matterTerms: MatterTerms): HotspotMemberDocument {
  const { words, terms } = matterTerms.of(reflection.summary);
  return {
    _id: reflection._id,
    _position: key,
    receiptKey: key,
    hotspotId: null,
    unitId: reflection.unitId,
    county: officialName(reflection.county as string),
    township: officialName(reflection.township as string),
    village: reflection.village ? officialName(reflection.village) : null,
    category: reflection.category,
    theme: reflection.theme,
    receivedOn: reflection.receivedOn,
    words,
    terms,
    bands: bandKeysOf(terms).map((band) => `${officialName(reflection.county as string)}${officialName(reflection.township as string)}|${band}`),
  };
}

function emptyHotspot(first: HotspotMemberDocument): HotspotDocument {
  return {
    _id: first._id,
    _position: '',
    createdKey: first.receiptKey,
    aliases: [],
    county: first.county,
    township: first.township,
    villages: [],
    units: [],
    unitCount: 0,
    byUnit: {},
    reflectionIds: [],
    reflections: [],
    size: 0,
    categories: [],
    themes: [],
    wordCounts: {},
    words: [],
    firstOn: first.receivedOn,
    latestOn: first.receivedOn,
    reviews: [],
  };
}

function addMember(hotspot: HotspotDocument, member: HotspotMemberDocument): void {
  hotspot.reflectionIds = union(hotspot.reflectionIds, [member._id]);
  hotspot.reflections = [...hotspot.reflections, { id: member._id, unitId: member.unitId, village: member.village, receivedOn: member.receivedOn }].sort(
    (a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id.localeCompare(b.id),
  );
  hotspot.size = hotspot.reflectionIds.length;
  hotspot.units = union(hotspot.units, [member.unitId]);
  hotspot.unitCount = hotspot.units.length;
  hotspot.byUnit[member.unitId] = (hotspot.byUnit[member.unitId] ?? 0) + 1;
  if (member.village) hotspot.villages = union(hotspot.villages, [member.village]);
  hotspot.categories = union(hotspot.categories, [member.category]);
  if (member.theme) hotspot.themes = union(hotspot.themes, [member.theme]);
  for (const word of member.words) hotspot.wordCounts[word] = (hotspot.wordCounts[word] ?? 0) + 1;
  if (member.receivedOn < hotspot.firstOn) hotspot.firstOn = member.receivedOn;
  if (member.receivedOn > hotspot.latestOn) hotspot.latestOn = member.receivedOn;
}

function byId<T extends { _id: string }>(documents: T[]): Map<string, T> {
  return new Map(documents.map((document) => [document._id, document]));
}
