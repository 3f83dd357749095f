import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_DEADLINE_POLICY, TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { SqliteEventStore, type EventStore, type NewEvent } from '@integrity/event-store';
import type { Actor } from '@integrity/identity';
import {
  ActiveReadModels,
  activateGeneration,
  aggregateDashboardCounts,
  applyBatch,
  StaleWriterError,
  EmbeddedReadModelStore,
  MongoDbReadModelStore,
  ReadModelSet,
  type DashboardCountsDocument,
  type ReadModelCollection,
  type ReadModelStore,
} from '@integrity/read-models';
import { ReflectionListHandler } from '../../libs/reflections/src/queries/reflection-list/reflection-list.handler';
import { ReflectionListQuery } from '../../libs/reflections/src/queries/reflection-list/reflection-list.query';
import { FollowUpsHandler } from '../../libs/reflections/src/queries/follow-ups/follow-ups.handler';
import { FollowUpsQuery } from '../../libs/reflections/src/queries/follow-ups/follow-ups.query';
import { generateHistory } from '../../bench/history-generator';
import { mongoDbTargets } from '../support/mongodb-targets';
import { tempDir } from '../support/temp-dir';
import { TestClock } from '../support/test-clock';

const dir = tempDir('projections');
const adapters = [
  { name: 'embedded', skipReason: null, create: (file: string): ReadModelStore => new EmbeddedReadModelStore(join(dir.path, file)) },
  ...mongoDbTargets().map((target) => ({ ...target, create: (): ReadModelStore => new MongoDbReadModelStore(target.uri()) })),
];

const clock = new TestClock(new Date('2026-11-27T02:00:00Z'));
let events: EventStore;
let unitIds: string[];

beforeAll(async () => {
  events = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  ({ unitIds } = await generateHistory(events, { units: 3, sitesPerUnit: 4, reflections: 300, seed: 7 }));
  // Events this code does not know: a new type, and a newer version of a known one.
  const [first] = await events.readAll(null, 1, { categories: ['reflection'] });
  const unknown = (type: string, schemaVersion: number): NewEvent => ({
    id: randomUUID(),
    type,
    schemaVersion,
    data: { note: 'from a later release' },
    metadata: { ...first.metadata, correlationId: randomUUID() },
  });
  await events.append(first.streamId, [unknown('ReflectionTranslated', 1), unknown('HandlingOpinionRecorded', 2)], 'any');
});
afterAll(async () => {
  await events.close();
  dir.remove();
});

/** Projects every event after the set's checkpoint, in batches as the projector does. */
async function project(set: ReadModelSet, batch = 250): Promise<void> {
  let checkpoint = await set.checkpoint();
  for (;;) {
    const after = checkpoint.position === '' ? null : BigInt(checkpoint.position);
    const page = await events.readAll(after, batch);
    if (page.length === 0) return;
    ({ checkpoint } = await applyBatch(set, page, checkpoint, clock.now()));
  }
}

async function snapshot(set: ReadModelSet): Promise<Record<string, unknown[]>> {
  const all = (collection: ReadModelCollection<{ _id: string }>) => collection.find({}, { sort: { _id: 1 } });
  return {
    reflections: await all(set.reflections),
    followUps: await all(set.followUps),
    publishedResults: await all(set.publishedResults),
    sites: await all(set.sites),
    outreach: await all(set.outreach),
    promotions: await all(set.promotions),
    notifications: await all(set.notifications),
    reminders: await all(set.reminders),
    reports: await all(set.reports),
    plans: await all(set.plans),
    dashboardCounts: await all(set.dashboardCounts),
    hotspots: await all(set.hotspots),
    hotspotMembers: await all(set.hotspotMembers),
    checkpoint: [await set.checkpoint()].map(({ _id: _generation, updatedAt: _updatedAt, ...rest }) => rest),
  };
}

/** A store whose writes fail after a number of bulk writes: the process dies mid-batch, between writes. */
function crashingAfter(store: ReadModelStore, writes: number): ReadModelStore {
  let left = writes;
  return {
    sharedAcrossProcesses: store.sharedAcrossProcesses,
    close: () => store.close(),
    collection: <T extends { _id: string }>(name: string) => {
      const real = store.collection<T>(name);
      return new Proxy(real, {
        get(target, property, receiver) {
          if (property !== 'bulkWrite') return Reflect.get(target, property, receiver);
          return async (...args: Parameters<typeof real.bulkWrite>) => {
            if (left-- <= 0) throw new Error('simulated crash');
            return real.bulkWrite(...args);
          };
        },
      });
    },
  };
}

/** A store whose bulk write to one collection fails once, at its `call`-th write: the others of that batch land. */
function failingOnce(store: ReadModelStore, collection: string, call: number): ReadModelStore {
  let calls = 0;
  return {
    sharedAcrossProcesses: store.sharedAcrossProcesses,
    close: () => store.close(),
    collection: <T extends { _id: string }>(name: string) => {
      const real = store.collection<T>(name);
      if (!name.startsWith(`${collection}_g`)) return real;
      return new Proxy(real, {
        get(target, property, receiver) {
          if (property !== 'bulkWrite') return Reflect.get(target, property, receiver);
          return async (...args: Parameters<typeof real.bulkWrite>) => {
            if (++calls === call) throw new Error(`simulated failure writing ${collection}`);
            return real.bulkWrite(...args);
          };
        },
      });
    },
  };
}

const COLLECTIONS = ['reflections', 'follow_ups', 'published_results', 'sites', 'outreach', 'promotions', 'notifications', 'reminders', 'reports', 'plans', 'dashboard_counts', 'hotspots', 'hotspot_members'];

for (const adapter of adapters) {
  const suite = adapter.skipReason ? describe.skip : describe;
  if (adapter.skipReason) console.log(`projection contract: ${adapter.name} skipped (${adapter.skipReason})`);

  suite(`projections and queries: ${adapter.name}${adapter.skipReason ? ` (skipped: ${adapter.skipReason})` : ''}`, () => {
    let store: ReadModelStore;
    const generation = () => 1000 + Math.floor(Math.random() * 1_000_000);
    const sets: ReadModelSet[] = [];
    const fresh = () => {
      const set = new ReadModelSet(store, generation());
      sets.push(set);
      return set;
    };
    beforeAll(() => (store = adapter.create(`${randomUUID()}.sqlite`)));
    afterAll(async () => {
      for (const set of sets) await set.drop();
      await store.close();
    });

    it('projects every event once, skips and counts the unknown ones', async () => {
      const set = fresh();
      await project(set);
      const checkpoint = await set.checkpoint();
      expect(checkpoint.skippedUnknown).toBe(2);
      expect(await set.reflections.countDocuments({})).toBe(300);
      expect(await set.sites.countDocuments({})).toBe(12);
      const closed = await set.reflections.countDocuments({ status: 'closed' });
      expect(await set.followUps.countDocuments({ state: 'open', kind: 'citizen_reply' })).toBe(300 - closed - (await set.reflections.countDocuments({ status: { $ne: 'closed' }, 'citizenReplies.0': { $exists: true } })));
    });

    it('gives the same read models when the whole log is replayed twice', async () => {
      const once = fresh();
      await project(once);
      const before = await snapshot(once);
      // Checkpoints never move back: a replay from the start needs the checkpoint gone.
      await store.collection('projection_checkpoints').deleteOne({ _id: `g${once.generation}` });
      await project(once, 97);
      const after = await snapshot(once);
      expect(after).toEqual(before);
      const other = fresh();
      await project(other, 1000);
      expect(await snapshot(other)).toEqual(before);
    });

    it('recovers from a crash between writes to exactly what a fresh rebuild gives', async () => {
      const reference = fresh();
      await project(reference);
      for (const crashAfter of [1, 4, 9]) {
        const set = fresh();
        const crashing = new ReadModelSet(crashingAfter(store, crashAfter + 6 * 3), set.generation);
        await expect(project(crashing)).rejects.toThrow('simulated crash');
        await project(set);
        expect(await snapshot(set)).toEqual(await snapshot(reference));
      }
    });

    it('repairs every collection when any one write of a batch failed, at several points of the log', async () => {
      const reference = fresh();
      await project(reference);
      const expected = await snapshot(reference);
      for (const collection of COLLECTIONS) {
        for (const call of [1, 3]) {
          const set = fresh();
          const failing = new ReadModelSet(failingOnce(store, collection, call), set.generation);
          await expect(project(failing, 97)).rejects.toThrow(`simulated failure writing ${collection}`);
          await project(set, 97);
          expect([collection, call, await snapshot(set)]).toEqual([collection, call, expected]);
        }
      }
    }, 600_000); // Two dozen whole projections: minutes on the MongoDB double on a busy machine, which is no fault.

    it('keeps dashboard counts equal to a fresh count of the reflections, in any batches, after a rebuild and after a replay', async () => {
      const counted = async (set: ReadModelSet) => {
        const sorted = (counts: DashboardCountsDocument[]) => [...counts].sort((a, b) => a._id.localeCompare(b._id));
        return [sorted(await set.dashboardCounts.find({})), sorted(await aggregateDashboardCounts(set.reflections))];
      };
      for (const batch of [1000, 97, 13]) {
        const set = fresh();
        await project(set, batch);
        const [maintained, fresh_] = await counted(set);
        expect(maintained).toHaveLength(3);
        expect(maintained.reduce((total, counts) => total + counts.total, 0)).toBe(300);
        expect(maintained).toEqual(fresh_);
        await store.collection('projection_checkpoints').deleteOne({ _id: `g${set.generation}` });
        await project(set, 61);
        expect(await counted(set)).toEqual([maintained, maintained]);
      }
    });

    it('counts the dashboards afresh for read models projected before counts were kept', async () => {
      const set = fresh();
      await project(set);
      const maintained = await set.dashboardCounts.find({}, { sort: { _id: 1 } });
      for (const counts of maintained) await set.dashboardCounts.deleteOne({ _id: counts._id });
      expect(await set.countDashboardsIfMissing()).toBe(3);
      expect(await set.dashboardCounts.find({}, { sort: { _id: 1 } })).toEqual(maintained);
      expect(await set.countDashboardsIfMissing()).toBe(0);
    });

    it('moves a checkpoint only forward, whichever writer comes last', async () => {
      const set = fresh();
      await project(set);
      const ahead = await set.checkpoint();
      const behind = { ...ahead, position: '0'.repeat(39) + '1', eventsApplied: 1 };
      await set.saveCheckpoint(behind);
      expect(await set.checkpoint()).toEqual(ahead);
      const further = { ...ahead, position: ahead.position.replace(/.$/, '9'), eventsApplied: ahead.eventsApplied + 1 };
      await set.saveCheckpoint(further);
      expect(await set.checkpoint()).toEqual(further);
      const other = fresh();
      await other.saveCheckpoint({ ...behind, _id: `g${other.generation}` });
      expect((await other.checkpoint()).position).toBe(behind.position);
    });

    it('refuses a checkpoint from a writer with an older lease epoch, and takes one from the same or a newer', async () => {
      const set = fresh();
      await project(set);
      const start = await set.checkpoint();
      const later = (n: string) => '9'.repeat(start.position.length - 1) + n;
      await set.saveCheckpoint({ ...start, position: later('5'), epoch: 7 });
      await expect(set.saveCheckpoint({ ...start, position: later('6'), epoch: 6 })).rejects.toBeInstanceOf(StaleWriterError);
      expect(await set.checkpoint()).toMatchObject({ position: later('5'), epoch: 7 });
      await set.saveCheckpoint({ ...start, position: later('7'), epoch: 7 });
      await set.saveCheckpoint({ ...start, position: later('8'), epoch: 8 });
      expect(await set.checkpoint()).toMatchObject({ position: later('8'), epoch: 8 });
      // Behind, from the newest epoch: left as it is (a race lost), not refused.
      await set.saveCheckpoint({ ...start, position: later('6'), epoch: 8 });
      expect(await set.checkpoint()).toMatchObject({ position: later('8'), epoch: 8 });
    });

    it('answers the list and follow-up queries from the same language on every adapter', async () => {
      const set = fresh();
      await project(set);
      await activateGeneration(store, set.generation);
      const readModels = new ActiveReadModels(store);
      const officer: Actor = { userId: 'u', username: 'u', unitId: unitIds[0], roles: ['ethics_officer'] };
      const list = new ReflectionListHandler(readModels, clock);
      const all = await list.execute(new ReflectionListQuery({ limit: 100 }, officer));
      const expected = await set.reflections.countDocuments({ unitId: unitIds[0] });
      let seen = all.items.length;
      for (let cursor = all.nextCursor; cursor; ) {
        const next = await list.execute(new ReflectionListQuery({ limit: 100, cursor }, officer));
        seen += next.items.length;
        cursor = next.nextCursor;
      }
      expect(seen).toBe(expected);
      const rivers = await list.execute(new ReflectionListQuery({ q: '河川', limit: 100 }, officer));
      expect(rivers.items.every((i) => i.summary.includes('河川'))).toBe(true);
      const followUps = await new FollowUpsHandler(readModels, clock, TAIWAN_OFFICE_CALENDAR).execute(new FollowUpsQuery({ state: 'overdue', limit: 200 }, officer));
      const dues = followUps.items.map((i) => i.dueOn);
      expect(dues).toEqual([...dues].sort());
      expect(followUps.items.every((i) => i.dueOn < '2026-11-27' && i.unitId === unitIds[0])).toBe(true);
      expect(DEFAULT_DEADLINE_POLICY.departmentAnswerWorkingDays).toBe(7);
    });
  });
}
