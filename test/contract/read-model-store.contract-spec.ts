import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DuplicateKeyError, EmbeddedReadModelStore, MongoDbReadModelStore, type ReadModelStore } from '@integrity/read-models';
import { mongoDbTargets } from '../support/mongodb-targets';
import { tempDir } from '../support/temp-dir';

interface Case {
  _id: string;
  unitId: string;
  status: string;
  summary: string;
  receivedOn: string;
  counts?: { reminders: number };
  tags?: string[];
}

const dir = tempDir('read-models');
const adapters = [
  { name: 'embedded', skipReason: null, double: null, create: (file: string): ReadModelStore => new EmbeddedReadModelStore(join(dir.path, file)) },
  ...mongoDbTargets().map((target) => ({ ...target, create: (): ReadModelStore => new MongoDbReadModelStore(target.uri()) })),
];
afterAll(() => dir.remove());

for (const adapter of adapters) {
  const suite = adapter.skipReason ? describe.skip : describe;
  if (adapter.skipReason) console.log(`read-model store contract: ${adapter.name} skipped (${adapter.skipReason})`);

  suite(`read-model store contract: ${adapter.name}${adapter.skipReason ? ` (skipped: ${adapter.skipReason})` : ''}`, () => {
    let store: ReadModelStore;
    let file: string;
    let name: string;
    beforeEach(() => {
      file = `${randomUUID()}.sqlite`;
      name = `cases_${randomUUID().slice(0, 8)}`;
      store = adapter.create(file);
    });
    afterEach(() => store.close());

    const seed = async () => {
      const cases = store.collection<Case>(name);
      await cases.insertOne({ _id: 'a', unitId: 'u1', status: 'received', summary: '河川疏濬延宕', receivedOn: '2026-11-02' });
      await cases.insertOne({ _id: 'b', unitId: 'u1', status: 'closed', summary: '路燈故障', receivedOn: '2026-11-05' });
      await cases.insertOne({ _id: 'c', unitId: 'u2', status: 'received', summary: '公園設施不足', receivedOn: '2026-11-03' });
      return cases;
    };

    it('finds with MongoDB filters, sorts, skips and limits', async () => {
      const cases = await seed();
      expect((await cases.find({ unitId: 'u1' }, { sort: { receivedOn: -1 } })).map((c) => c._id)).toEqual(['b', 'a']);
      expect((await cases.find({ status: { $in: ['received'] } }, { sort: { receivedOn: 1 }, skip: 1, limit: 1 })).map((c) => c._id)).toEqual(['c']);
      expect((await cases.find({ summary: { $regex: '河川' } })).map((c) => c._id)).toEqual(['a']);
      expect(await cases.countDocuments({ receivedOn: { $gte: '2026-11-03' } })).toBe(2);
      expect(await cases.findOne({ _id: 'zzz' })).toBeNull();
      expect((await cases.find({ _id: { $in: ['c', 'a', 'a', 'zzz'] } }, { sort: { _id: 1 } })).map((c) => c._id)).toEqual(['a', 'c']);
    });

    it('finds by an element of an indexed array, as a multikey index does, before and after the array changes', async () => {
      const tagged = store.collection<{ _id: string; bands: string[] }>(`${name}_bands`);
      await tagged.createIndex({ bands: 1 });
      await tagged.insertOne({ _id: 'a', bands: ['x', 'y'] });
      await tagged.insertOne({ _id: 'b', bands: ['y', 'z'] });
      await tagged.insertOne({ _id: 'c', bands: [] });
      const ids = async (filter: Record<string, unknown>) => (await tagged.find(filter, { sort: { _id: 1 } })).map((d) => d._id);
      expect(await ids({ bands: { $in: ['x', 'z'] } })).toEqual(['a', 'b']);
      expect(await ids({ bands: 'y' })).toEqual(['a', 'b']);
      await tagged.bulkWrite([{ replaceOne: { filter: { _id: 'a' }, replacement: { _id: 'a', bands: ['w'] }, upsert: true } }]);
      expect(await ids({ bands: { $in: ['x', 'y'] } })).toEqual(['b']);
      expect(await ids({ bands: 'w' })).toEqual(['a']);
    });

    it('updates with MongoDB operators and upserts the filter’s equalities', async () => {
      const cases = await seed();
      expect(await cases.updateOne({ _id: 'a' }, { $set: { status: 'closed' }, $inc: { 'counts.reminders': 1 } })).toEqual({
        matchedCount: 1,
        modifiedCount: 1,
        upsertedId: null,
      });
      expect(await cases.findOne({ _id: 'a' })).toMatchObject({ status: 'closed', counts: { reminders: 1 } });
      const upserted = await cases.updateOne(
        { _id: 'd' },
        { $set: { status: 'received' }, $setOnInsert: { unitId: 'u3', summary: '新案', receivedOn: '2026-11-06' }, $push: { tags: 'x' } },
        { upsert: true },
      );
      expect(upserted.upsertedId).toBe('d');
      expect(await cases.findOne({ _id: 'd' })).toEqual({ _id: 'd', unitId: 'u3', status: 'received', summary: '新案', receivedOn: '2026-11-06', tags: ['x'] });
      expect((await cases.updateOne({ _id: 'd' }, { $set: { status: 'received' }, $setOnInsert: { unitId: 'other' } }, { upsert: true })).matchedCount).toBe(1);
      expect(await cases.findOne({ _id: 'd' })).toMatchObject({ unitId: 'u3' });
      expect((await cases.updateOne({ _id: 'none' }, { $set: { status: 'x' } })).matchedCount).toBe(0);
    });

    it('refuses duplicates of _id and of a unique index, and deletes', async () => {
      const cases = await seed();
      await expect(cases.insertOne({ _id: 'a', unitId: 'u9', status: 's', summary: 's', receivedOn: '2026-11-01' })).rejects.toBeInstanceOf(DuplicateKeyError);
      const users = store.collection<{ _id: string; username: string }>(`${name}_users`);
      await users.createIndex({ username: 1 }, { unique: true });
      await users.insertOne({ _id: '1', username: 'chen' });
      await expect(users.insertOne({ _id: '2', username: 'chen' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(users.updateOne({ _id: '3' }, { $set: { username: 'chen' } }, { upsert: true })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await cases.deleteOne({ _id: 'b' })).toBe(1);
      expect(await cases.deleteOne({ _id: 'b' })).toBe(0);
      expect(await cases.countDocuments({})).toBe(2);
    });

    it('keeps what was written across a restart', async () => {
      await seed();
      await store.collection<Case>(name).updateOne({ _id: 'a' }, { $set: { status: 'in_progress' } });
      await store.close();
      store = adapter.create(file);
      const reopened = store.collection<Case>(name);
      expect((await reopened.find({}, { sort: { _id: 1 } })).map((c) => [c._id, c.status])).toEqual([
        ['a', 'in_progress'],
        ['b', 'closed'],
        ['c', 'received'],
      ]);
    });

    it('writes in bulk, in order, and skips stale guarded upserts when asked', async () => {
      const cases = await seed();
      const result = await cases.bulkWrite(
        [
          { replaceOne: { filter: { _id: 'a', receivedOn: { $lt: '2026-12-01' } }, replacement: { _id: 'a', unitId: 'u1', status: 'closed', summary: '河川', receivedOn: '2026-12-01' }, upsert: true } },
          { replaceOne: { filter: { _id: 'a', receivedOn: { $lt: '2026-11-15' } }, replacement: { _id: 'a', unitId: 'u1', status: 'stale', summary: '舊', receivedOn: '2026-11-15' }, upsert: true } },
          { updateOne: { filter: { _id: 'e' }, update: { $set: { unitId: 'u3', status: 'received', summary: '新', receivedOn: '2026-11-09' } }, upsert: true } },
          { deleteOne: { filter: { _id: 'b' } } },
        ],
        { skipDuplicates: true },
      );
      expect(result.skipped).toBe(1);
      expect((await cases.find({}, { sort: { _id: 1 } })).map((c) => [c._id, c.status])).toEqual([
        ['a', 'closed'],
        ['c', 'received'],
        ['e', 'received'],
      ]);
      await expect(
        cases.bulkWrite([{ replaceOne: { filter: { _id: 'a', receivedOn: { $lt: '2000-01-01' } }, replacement: { _id: 'a', unitId: 'u', status: 's', summary: 's', receivedOn: 's' }, upsert: true } }]),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    if (adapter.double) {
      const double = adapter.double;
      it('applies a guarded batch applied again in two round trips, not one per document (unordered, on past duplicates)', async () => {
        const cases = store.collection<Case>(name);
        const batch = (summary: string) =>
          Array.from({ length: 200 }, (_, i) => ({
            replaceOne: { filter: { _id: `case-${i}`, receivedOn: { $lt: '2026-11-02' } }, replacement: { _id: `case-${i}`, unitId: 'u', status: 'received', summary, receivedOn: '2026-11-02' }, upsert: true },
          }));
        await cases.bulkWrite(batch('first'), { skipDuplicates: true });
        const before = double.calls.update ?? 0;
        expect(await cases.bulkWrite(batch('again'), { skipDuplicates: true })).toEqual({ skipped: 200 });
        expect((double.calls.update ?? 0) - before).toBe(2);
        expect(await cases.countDocuments({ summary: 'first' })).toBe(200);
      });

      it('asks every write for a majority with journal, within a time limit', async () => {
        const from = double.writeConcerns.length;
        await seed();
        // endSessions (a client closing, w: 0) is not a write.
        const sent = double.writeConcerns.slice(from).filter((concern) => concern.command !== 'endSessions');
        expect(sent.length).toBeGreaterThanOrEqual(3);
        for (const concern of sent) expect(concern).toEqual({ command: 'insert', w: 'majority', j: true, wtimeout: 10_000 });
      });
    }

    it('lands the newest of many guarded upserts racing on a document not yet written, and the newest checkpoint', async () => {
      const cases = await seed();
      const versions = Array.from({ length: 40 }, (_, i) => `2026-11-${String((i % 28) + 1).padStart(2, '0')}T${String(i).padStart(2, '0')}`);
      const outcomes = await Promise.all(
        [...versions].reverse().map((receivedOn) =>
          cases.bulkWrite([{ replaceOne: { filter: { _id: 'race', receivedOn: { $lt: receivedOn } }, replacement: { _id: 'race', unitId: 'u', status: 's', summary: receivedOn, receivedOn }, upsert: true } }], { skipDuplicates: true }),
        ),
      );
      const newest = [...versions].sort().pop() as string;
      expect((await cases.findOne({ _id: 'race' }))?.receivedOn).toBe(newest);
      expect(outcomes.filter((outcome) => outcome.skipped === 0).length).toBeGreaterThanOrEqual(1);
      const guarded = (receivedOn: string) => cases.updateOne({ _id: 'guarded', receivedOn: { $lte: receivedOn } }, { $set: { receivedOn, unitId: 'u', status: 's', summary: 's' } }, { upsert: true }).catch((error: unknown) => error);
      const answers = await Promise.all(versions.map(guarded));
      expect((await cases.findOne({ _id: 'guarded' }))?.receivedOn).toBe(newest);
      expect(answers.every((answer) => answer instanceof DuplicateKeyError || (typeof answer === 'object' && answer !== null && 'matchedCount' in answer))).toBe(true);
    });

    it('aggregates with MongoDB pipelines, and finds without excluded fields', async () => {
      const cases = await seed();
      const byUnit = await cases.aggregate<{ _id: string; count: number }>([{ $group: { _id: '$unitId', count: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
      expect(byUnit).toEqual([
        { _id: 'u1', count: 2 },
        { _id: 'u2', count: 1 },
      ]);
      const [faceted] = await cases.aggregate<{ statuses: { _id: string; count: number }[]; total: { n: number }[] }>([
        { $facet: { statuses: [{ $sortByCount: '$status' }], total: [{ $count: 'n' }] } },
      ]);
      expect(faceted.total).toEqual([{ n: 3 }]);
      expect(faceted.statuses).toEqual([
        { _id: 'received', count: 2 },
        { _id: 'closed', count: 1 },
      ]);
      expect(await cases.find({ _id: 'a' }, { exclude: ['summary', 'status'] })).toEqual([{ _id: 'a', unitId: 'u1', receivedOn: '2026-11-02' }]);
    });

    it('keeps a copy of the documents it is given to write, and skips the stale ones of a guarded batch', async () => {
      const cases = await seed();
      const given = (id: string): Case => ({ _id: id, unitId: 'u1', status: 'closed', summary: '路燈', receivedOn: '2026-12-01', counts: { reminders: 1 }, tags: ['路燈'] });
      const written = [given('a'), given('d')];
      await cases.bulkWrite(written.map((replacement) => ({ replaceOne: { filter: { _id: replacement._id, receivedOn: { $lt: replacement.receivedOn } }, replacement, upsert: true } })));
      for (const document of written) {
        document.status = 'tampered';
        (document.counts as { reminders: number }).reminders = 99;
        document.tags?.push('tampered');
      }
      for (const id of ['a', 'd']) expect(await cases.findOne({ _id: id })).toEqual(given(id));

      const later = [{ ...given('a'), receivedOn: '2026-12-02' }, { ...given('e'), receivedOn: '2026-12-02' }];
      await cases.bulkWrite(
        later.map((replacement) => ({ replaceOne: { filter: { _id: replacement._id, receivedOn: { $lt: replacement.receivedOn } }, replacement, upsert: true } })),
        { skipDuplicates: true },
      );
      expect(await cases.find({ _id: { $in: ['a', 'e'] } }, { sort: { _id: 1 } })).toEqual(later);
      const read = (await cases.findOne({ _id: 'e' })) as Case;
      read.tags?.push('tampered');
      expect((await cases.findOne({ _id: 'e' }))?.tags).toEqual(['路燈']);
    });

    it('drops a collection', async () => {
      const cases = await seed();
      await cases.drop();
      expect(await cases.countDocuments({})).toBe(0);
      await cases.insertOne({ _id: 'a', unitId: 'u1', status: 'received', summary: '再建', receivedOn: '2026-11-02' });
      expect(await cases.countDocuments({})).toBe(1);
    });

    it('returns copies: changing a result changes nothing stored', async () => {
      const cases = await seed();
      const found = (await cases.findOne({ _id: 'a' })) as Case;
      found.status = 'tampered';
      expect((await cases.findOne({ _id: 'a' }))?.status).toBe('received');
      await cases.updateOne({ _id: 'a' }, { $set: { counts: { reminders: 1 }, tags: ['路燈'] } });
      for (const read of [() => cases.findOne({ _id: 'a' }), async () => (await cases.find({ _id: 'a' }, { exclude: ['summary'] }))[0], async () => (await cases.find({ unitId: 'u1' }))[0]]) {
        const nested = (await read()) as Case;
        (nested.counts as { reminders: number }).reminders = 99;
        nested.tags?.push('tampered');
        expect(await cases.findOne({ _id: 'a' })).toMatchObject({ counts: { reminders: 1 }, tags: ['路燈'] });
      }
    });
  });
}
