import { EmbeddedReadModelStore } from './embedded-read-model-store';

interface Doc {
  _id: string;
  unitId: string;
  state: string;
  dueOn: string | null;
  rank: number | null;
}

/** Deterministic pseudo-random numbers, so a failure repeats. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** What a sorted page must hold: every match, ordered field by field (null first, then numbers, then strings). */
function expectedPage(docs: Doc[], matches: (doc: Doc) => boolean, sort: [keyof Doc, 1 | -1][], skip: number, limit: number): string[] {
  const rank = (value: unknown) => (value === null ? 0 : typeof value === 'number' ? 1 : 2);
  const compare = (a: Doc, b: Doc) => {
    for (const [field, direction] of sort) {
      const [x, y] = [a[field], b[field]];
      const order = rank(x) - rank(y) || (x === y ? 0 : (x as string) < (y as string) ? -1 : 1);
      if (order !== 0) return order * direction;
    }
    return 0;
  };
  return docs.filter(matches).sort(compare).slice(skip, skip + limit).map((doc) => doc._id);
}

describe('ordered indexes of the embedded store', () => {
  // Made over documents already written, an index is built at once (one sort); made first, insert by insert.
  it.each(['before the writes', 'over the first round of writes'])('page sorted queries exactly as filtering and sorting every document does, through inserts, moves and deletes (indexes made %s)', async (when) => {
    const store = new EmbeddedReadModelStore(':memory:');
    const collection = store.collection<Doc>('follow_ups');
    const createIndexes = async () => {
      await collection.createIndex({ unitId: 1, state: 1, dueOn: 1 });
      await collection.createIndex({ rank: -1, _id: -1 });
    };
    if (when === 'before the writes') await createIndexes();
    const next = random(41);
    const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)];
    const docs = new Map<string, Doc>();
    const someDoc = (id: string): Doc => ({
      _id: id,
      unitId: pick(['u1', 'u2', 'u3']),
      state: pick(['open', 'fulfilled']),
      dueOn: pick([null, '2026-11-01', '2026-11-15', '2026-12-01', '2026-12-24']),
      rank: pick([null, 1, 2, 3, 10]),
    });
    for (let round = 0; round < 6; round++) {
      const writes = [];
      for (let i = 0; i < 1500; i++) {
        const id = `d${Math.floor(next() * 2500)}`;
        if (docs.has(id) && next() < 0.2) {
          docs.delete(id);
          writes.push({ deleteOne: { filter: { _id: id } } });
        } else {
          const doc = someDoc(id);
          docs.set(id, doc);
          writes.push({ replaceOne: { filter: { _id: id }, replacement: doc, upsert: true } });
        }
      }
      await collection.bulkWrite(writes);
      if (round === 0 && when !== 'before the writes') await createIndexes();
      const all = [...docs.values()];
      for (const unitId of ['u1', 'u2', 'u3']) {
        for (const [skip, limit] of [[0, 20], [7, 5], [0, 5000]]) {
          const overdue = await collection.find({ $and: [{ unitId }, { state: 'open' }, { dueOn: { $lt: '2026-12-01' } }] }, { sort: { dueOn: 1, _id: 1 }, skip, limit });
          const want = expectedPage(all, (d) => d.unitId === unitId && d.state === 'open' && d.dueOn !== null && d.dueOn < '2026-12-01', [['dueOn', 1], ['_id', 1]], skip, limit);
          expect([round, unitId, skip, overdue.map((d) => d._id)]).toEqual([round, unitId, skip, want]);
          const latest = await collection.find({ $and: [{ unitId, state: 'open' }] }, { sort: { dueOn: -1, _id: -1 }, skip, limit });
          expect(latest.map((d) => d._id)).toEqual(expectedPage(all, (d) => d.unitId === unitId && d.state === 'open', [['dueOn', -1], ['_id', -1]], skip, limit));
        }
      }
      // Equalities leading into a range (a unit's cases of a year before a key) are read from the index between its bounds.
      for (const [unitId, state] of [['u1', 'open'], ['u2', 'fulfilled'], ['u4', 'open']]) {
        for (const bounds of [{ $lt: '2026-12-01' }, { $gte: '2026-11-15' }, { $gt: '2026-11-01', $lte: '2026-12-01' }, { $lt: 5 }] as Record<string, string | number>[]) {
          const within = (d: Doc) => Object.entries(bounds).every(([op, v]) => typeof d.dueOn === typeof v && (op === '$lt' ? (d.dueOn as string) < v : op === '$lte' ? (d.dueOn as string) <= v : op === '$gt' ? (d.dueOn as string) > v : (d.dueOn as string) >= v));
          const want = all.filter((d) => d.unitId === unitId && d.state === state && within(d)).map((d) => d._id).sort();
          expect([unitId, state, bounds, (await collection.find({ unitId, state, dueOn: bounds })).map((d) => d._id).sort()]).toEqual([unitId, state, bounds, want]);
          expect(await collection.countDocuments({ unitId, state, dueOn: bounds })).toBe(want.length);
        }
      }
      const ranked = await collection.find({ state: 'fulfilled' }, { sort: { rank: -1, _id: -1 }, limit: 30 });
      expect(ranked.map((d) => d._id)).toEqual(expectedPage(all, (d) => d.state === 'fulfilled', [['rank', -1], ['_id', -1]], 0, 30));
      const rising = await collection.find({}, { sort: { rank: 1, _id: 1 }, limit: 30 });
      expect(rising.map((d) => d._id)).toEqual(expectedPage(all, () => true, [['rank', 1], ['_id', 1]], 0, 30));
    }
    await store.close();
  });
});
