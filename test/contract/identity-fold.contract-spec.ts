import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type EventStore } from '@integrity/event-store';
import { IdentityLog, identityStreams } from '@integrity/identity';
import { EmbeddedReadModelStore, MongoDbReadModelStore, type ReadModelCollection, type ReadModelDocument, type ReadModelStore } from '@integrity/read-models';
import { mongoDbTargets } from '../support/mongodb-targets';

const adapters = [
  { name: 'embedded', skipReason: null, create: (): ReadModelStore => new EmbeddedReadModelStore(':memory:') },
  ...mongoDbTargets().map((target) => ({ ...target, create: (): ReadModelStore => new MongoDbReadModelStore(target.uri()) })),
];

const by = { actorId: 'admin', unitId: null, at: new Date('2026-12-07T01:00:00.000Z') };

/** Resolves once `count` callers wait on it: each waits for the others. */
function barrier(count: number): () => Promise<void> {
  let waiting = 0;
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++waiting === count) open();
    return opened;
  };
}

/** A read-model store whose first `count` reads of `users` each wait for the others (two processes reading at once). */
function readingTogether(store: ReadModelStore, count: number): ReadModelStore {
  const together = barrier(count);
  let reads = 0;
  return {
    sharedAcrossProcesses: store.sharedAcrossProcesses,
    close: () => store.close(),
    collection<T extends ReadModelDocument>(name: string): ReadModelCollection<T> {
      const collection = store.collection<T>(name);
      if (name !== 'users') return collection;
      return Object.assign(Object.create(collection) as ReadModelCollection<T>, {
        findOne: async (filter: Record<string, unknown>) => {
          const found = await collection.findOne(filter);
          if (reads++ < count) await together();
          return found;
        },
      });
    },
  };
}

/** An event store whose appends answer only when `release` is called (`appended` says the write is done): a process whose fold comes late. */
function answeringLate(events: EventStore): { events: EventStore; appended: Promise<void>; release: () => void } {
  let release = () => undefined as void;
  let written = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const appended = new Promise<void>((resolve) => (written = resolve));
  const late = Object.assign(Object.create(events) as EventStore, {
    append: async (...args: Parameters<EventStore['append']>) => {
      const result = await events.append(...args);
      written();
      await released;
      return result;
    },
  });
  return { events: late, appended, release };
}

for (const adapter of adapters) {
  const suite = adapter.skipReason ? describe.skip : describe;
  if (adapter.skipReason) console.log(`identity fold contract: ${adapter.name} skipped (${adapter.skipReason})`);

  suite(`identity fold contract: ${adapter.name}${adapter.skipReason ? ` (skipped: ${adapter.skipReason})` : ''}`, () => {
    let events: SqliteEventStore;
    let store: ReadModelStore;
    let userId: string;
    beforeEach(async () => {
      events = new SqliteEventStore({ file: ':memory:' });
      store = adapter.create();
      userId = randomUUID();
      const usernameKey = `officer-${userId.slice(0, 8)}`;
      await new IdentityLog(events, store).record(identityStreams.account(usernameKey), 'UserCreated', { userId, username: usernameKey, usernameKey, roles: ['ethics_officer'], unitId: 'unit-1', passwordHash: 'h0' }, 'no_stream', by);
    });
    afterEach(async () => {
      await store.close();
      await events.close();
    });
    const user = async () => (await store.collection<ReadModelDocument & Record<string, unknown>>('users').findOne({ _id: userId })) as Record<string, unknown>;

    it('keeps both of two facts folded at once by two processes (neither replaces what the other wrote)', async () => {
      const shared = readingTogether(store, 2);
      const [first, second] = [new IdentityLog(events, shared), new IdentityLog(events, shared)];
      await Promise.all([
        first.record(identityStreams.user(userId), 'UserRolesChanged', { roles: ['supervisor'] }, 'any', by),
        second.record(identityStreams.user(userId), 'UserPasswordChanged', { passwordHash: 'h1' }, 'any', by),
      ]);
      expect(await user()).toMatchObject({ roles: ['supervisor'], passwordHash: 'h1', tokenVersion: 2 });
    });

    it('folds a fact that arrives after a later one into its place in the log’s order', async () => {
      const slow = answeringLate(events);
      const late = new IdentityLog(slow.events, store).record(identityStreams.user(userId), 'UserRolesChanged', { roles: ['supervisor'] }, 'any', by);
      await slow.appended;
      await new IdentityLog(events, store).record(identityStreams.user(userId), 'UserDeactivated', {}, 'any', by);
      expect(await user()).toMatchObject({ roles: ['ethics_officer'], active: false, tokenVersion: 1 });
      slow.release();
      await late;
      expect(await user()).toMatchObject({ roles: ['supervisor'], active: false, tokenVersion: 2 });
    });
  });
}
