import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { logPages, SqliteEventStore } from '@integrity/event-store';
import type { Actor } from '@integrity/identity';
import { ActiveReadModels, activateGeneration, applyBatch, EmbeddedReadModelStore, ReadModelSet, type FollowUpDocument, type ReflectionDocument } from '@integrity/read-models';
import { FollowUpsHandler } from '../../libs/reflections/src/queries/follow-ups/follow-ups.handler';
import { FollowUpsQuery } from '../../libs/reflections/src/queries/follow-ups/follow-ups.query';
import { ReflectionListHandler } from '../../libs/reflections/src/queries/reflection-list/reflection-list.handler';
import { ReflectionListQuery } from '../../libs/reflections/src/queries/reflection-list/reflection-list.query';
import { REFLECTION_SORTS } from '../../libs/reflections/src/queries/reflection-list/reflection-list.request.dto';
import { generateHistory } from '../../bench/history-generator';
import { tempDir } from '../support/temp-dir';

/**
 * issue 42: the embedded read models are read from their file, not held in the heap. A file of 100,000 cases is
 * opened afresh and every list is paged through to its end, the heap measured after a full collection every few
 * pages. Held in memory, as before, 100,000 cases took about 1.7 GB (17 KB a case).
 */
const CASES = 100_000;
const UNITS = 10;
/** The heap may grow by this much over what it held before the file was opened: a bounded cache, never the documents. */
const HEAP_BOUND_MB = 48;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapMb = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const dir = tempDir('read-model-memory');
const file = join(dir.path, 'read-models.sqlite');
const clock = { now: () => new Date('2026-11-27T02:00:00Z') };
const officerOf = (unitId: string): Actor => ({ userId: `officer-${unitId}`, username: 'officer', unitId, roles: ['ethics_officer'] });
const auditor: Actor = { userId: 'aac', username: 'aac', unitId: null, roles: ['aac_auditor'] };

/**
 * 1,000 cases through their lives, projected as the product projects them, then copied under new ids until the
 * file holds 100,000 cases and their follow-ups: the real documents' shapes and sizes, without projecting a
 * million events here.
 */
async function fileOf100kCases(): Promise<string[]> {
  const events = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  const store = new EmbeddedReadModelStore(file);
  const { unitIds } = await generateHistory(events, { units: UNITS, sitesPerUnit: 5, reflections: 1_000, seed: 42 });
  const set = new ReadModelSet(store, 1);
  await set.ensureIndexes();
  let checkpoint = await set.checkpoint();
  for await (const page of logPages(events, { after: null, pageSize: 2000 })) ({ checkpoint } = await applyBatch(set, page, checkpoint, clock.now()));
  await activateGeneration(store, 1);
  const reflections = await set.reflections.find({});
  const followUps = await set.followUps.find({});
  for (let copy = 1; reflections.length * (copy + 1) <= CASES; copy++) {
    await set.reflections.bulkWrite(reflections.map((doc) => ({ replaceOne: { filter: { _id: `${doc._id}-${copy}` }, replacement: { ...doc, _id: `${doc._id}-${copy}` } as ReflectionDocument, upsert: true } })));
    await set.followUps.bulkWrite(
      followUps.map((doc) => ({ replaceOne: { filter: { _id: `${doc._id}-${copy}` }, replacement: { ...doc, _id: `${doc._id}-${copy}`, reflectionId: `${doc.reflectionId}-${copy}` } as FollowUpDocument, upsert: true } })),
    );
  }
  await store.close();
  await events.close();
  return unitIds;
}

describe('the embedded read models on disk', () => {
  let unitIds: string[];
  beforeAll(async () => {
    unitIds = await fileOf100kCases();
  }, 600_000);
  afterAll(() => dir.remove());

  it(`pages through every list of ${CASES.toLocaleString('en')} cases with the heap within ${HEAP_BOUND_MB} MB of where it was before opening it`, async () => {
    // Measured before the file is opened: a store that loaded its documents at open would hold them from there.
    const started = heapMb();
    const store = new EmbeddedReadModelStore(file);
    const readModels = new ActiveReadModels(store);
    const list = new ReflectionListHandler(readModels, clock);
    const followUps = new FollowUpsHandler(readModels, clock, TAIWAN_OFFICE_CALENDAR);
    const set = await readModels.current();
    expect(await set.reflections.countDocuments({})).toBe(CASES);
    const openFollowUps = await set.followUps.countDocuments({ state: 'open' });

    let highest = heapMb();
    let pages = 0;
    const pageThrough = async (read: (cursor: string | undefined) => Promise<{ items: unknown[]; nextCursor: string | null }>): Promise<number> => {
      let items = 0;
      let cursor: string | undefined;
      do {
        const page = await read(cursor);
        items += page.items.length;
        cursor = page.nextCursor ?? undefined;
        if (++pages % 25 === 0) highest = Math.max(highest, heapMb());
      } while (cursor);
      return items;
    };

    // The AAC's list of every case, in each order the screen offers; then each unit's own, newest first.
    for (const sort of REFLECTION_SORTS) expect([sort, await pageThrough((cursor) => list.execute(new ReflectionListQuery({ sort, limit: 100, cursor }, auditor)))]).toEqual([sort, CASES]);
    let byUnits = 0;
    for (const unitId of unitIds) byUnits += await pageThrough((cursor) => list.execute(new ReflectionListQuery({ limit: 100, cursor }, officerOf(unitId))));
    expect(byUnits).toBe(CASES);
    // Every open follow-up, as the AAC and as the units see them.
    expect(await pageThrough((cursor) => followUps.execute(new FollowUpsQuery({ limit: 100, cursor }, auditor)))).toBe(openFollowUps);
    let unitFollowUps = 0;
    for (const unitId of unitIds) unitFollowUps += await pageThrough((cursor) => followUps.execute(new FollowUpsQuery({ limit: 100, cursor }, officerOf(unitId))));
    expect(unitFollowUps).toBe(openFollowUps);

    highest = Math.max(highest, heapMb());
    await store.close();
    console.log(`${pages} pages read; the heap grew by ${(highest - started).toFixed(1)} MB at most`);
    expect(highest - started).toBeLessThan(HEAP_BOUND_MB);
  });
});
