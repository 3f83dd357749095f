import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@integrity/event-store';
import { ReadModelPersonalDataKeyStore, SqlitePersonalDataKeyStore, type PersonalDataKeyStore } from '@integrity/identity';
import { activeGeneration, EmbeddedReadModelStore, MongoDbReadModelStore, ReadModelSet, type ReadModelStore } from '@integrity/read-models';
import { STORE_FILES } from '@integrity/platform';
import { randomUUID } from 'node:crypto';
import { CHECKPOINT_RECORDED, CHECKPOINT_STREAM, merkleRoot, verifyChains, type StreamHead } from '@integrity/audit';
import { migrateStores, type Stores } from '../../apps/cli/src/store-migration';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers } from '../support/test-app';
import { EventStoreDb2410Double } from '../support/eventstoredb-24-10-double';
import { tempDir } from '../support/temp-dir';

type Target = Stores & { readModels: ReadModelStore };
const esdb = process.env.EVENTSTORE_CONNECTION_STRING;
const mongo = process.env.MONGODB_URI;
const targets = [
  {
    name: 'SQLite',
    skipReason: null,
    open: (dir: string): Target => {
      const readModels = new EmbeddedReadModelStore(join(dir, STORE_FILES.readModels));
      return { events: new SqliteEventStore({ file: join(dir, STORE_FILES.eventStore) }), keys: new SqlitePersonalDataKeyStore(join(dir, STORE_FILES.personalDataKeys)), readModels };
    },
  },
  {
    // Not a server: the EventStoreDB adapter's appends at stated revisions, against the double of EventStoreDB 24.10.
    name: 'the EventStoreDB adapter on the EventStoreDB 24.10 double',
    skipReason: null,
    open: (dir: string): Target => ({
      events: new EventStoreDbEventStore(new EventStoreDb2410Double().connection()),
      keys: new SqlitePersonalDataKeyStore(join(dir, STORE_FILES.personalDataKeys)),
      readModels: new EmbeddedReadModelStore(join(dir, STORE_FILES.readModels)),
    }),
  },
  {
    name: 'EventStoreDB and MongoDB',
    skipReason: esdb && mongo ? null : 'EVENTSTORE_CONNECTION_STRING and MONGODB_URI are not both set',
    open: (): Target => {
      const readModels = new MongoDbReadModelStore(mongo as string);
      return { events: new EventStoreDbEventStore(esdb as string), keys: new ReadModelPersonalDataKeyStore(readModels), readModels };
    },
  },
];

const closeAll = (stores: { events: EventStore; keys: PersonalDataKeyStore; readModels?: ReadModelStore }) => Promise.all([stores.events.close(), stores.keys.close(), stores.readModels?.close()]);

describe('npm run migrate -- --to-production', () => {
  const source = tempDir('migrate-source');
  let kept: string;
  let erased: string;
  /** The roots the AAC would hold: a checkpoint of the first release's shape (it named a log position) and a current one. */
  let firstRoot: string;
  let latestRoot: string;
  afterAll(() => source.remove());

  beforeAll(async () => {
    // A unit's embedded data as the product wrote it: users, reflections with reporters, one reporter erased, and
    // audit checkpoints of both shapes between them.
    let t = await startTestApp(source.path);
    const unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'MIG');
    kept = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body.id;
    await t.close();
    firstRoot = await appendVersion1Checkpoint(join(source.path, STORE_FILES.eventStore));
    t = await startTestApp(source.path);
    erased = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body.id;
    await t.http().post(`/api/v1/reflections/${erased}/erase-reporter`).set(bearer(unit.tokens.supervisor)).send({ reason: '當事人請求刪除' }).expect(200);
    latestRoot = (await t.http().post('/api/v1/audit/checkpoints').set(bearer(await tokenFor(t, ADMIN.username, ADMIN.password))).expect(201)).body.checkpoint.root;
    await t.close();
    const sourceLog = new SqliteEventStore({ file: join(source.path, STORE_FILES.eventStore) });
    try {
      expect(await verifyChains(sourceLog, { receipt: firstRoot })).toMatchObject({ ok: true, checkpoint: { root: latestRoot, matches: true }, receipt: { found: true, matches: true } });
    } finally {
      await sourceLog.close();
    }
  });

  for (const target of targets) {
    const suite = target.skipReason ? describe.skip : describe;
    if (target.skipReason) console.log(`migration to ${target.name}: skipped (${target.skipReason})`);

    suite(`to ${target.name}${target.skipReason ? ` (skipped: ${target.skipReason})` : ''}`, () => {
      const dir = tempDir('migrate-target');
      afterAll(() => dir.remove());

      it('counts on a dry run, copies every event with its id, type, data, metadata and chain and every kept key, rebuilds the read models there, and skips what is there on a re-run', async () => {
        const from = { events: new SqliteEventStore({ file: join(source.path, STORE_FILES.eventStore) }), keys: new SqlitePersonalDataKeyStore(join(source.path, STORE_FILES.personalDataKeys)) };
        const to = target.open(dir.path);
        try {
          const original = await from.events.readAll(null, 100_000);
          const keys = await from.keys.all();
          expect(keys.length).toBeGreaterThan(0);

          const dryRun = await migrateStores(from, to, { dryRun: true, now: () => new Date() });
          expect(dryRun).toMatchObject({ events: { total: original.length, copied: original.length, alreadyThere: 0 }, keys: { total: keys.length, copied: keys.length }, rebuilt: null });
          expect(await to.events.readAll(null, 10)).toEqual([]);
          expect(await to.keys.all()).toEqual([]);

          const copied = await migrateStores(from, to, { dryRun: false, now: () => new Date() });
          expect(copied).toMatchObject({ events: { total: original.length, copied: original.length, alreadyThere: 0 }, keys: { copied: keys.length, alreadyThere: 0 } });
          const shape = (events: typeof original) => events.map(({ streamId, revision, id, type, schemaVersion, data, metadata, chain }) => ({ streamId, revision, id, type, schemaVersion, data, metadata, chain }));
          // Each log has an identity of its own (EventStoreDB keeps it in a stream), which is not copied.
          const copies = async () => (await to.events.readAll(null, 100_000)).filter((event) => event.streamId !== 'eventlog-identity');
          expect(shape(await copies())).toEqual(shape(original));
          expect((await to.keys.all()).map((k) => [k.keyId, k.key.toString('hex')])).toEqual(keys.map((k) => [k.keyId, k.key.toString('hex')]));
          const set = new ReadModelSet(to.readModels, await activeGeneration(to.readModels));
          expect(copied.rebuilt?.generation).toBe(set.generation);
          expect((await set.reflections.find({})).map((r) => r._id).sort()).toEqual([kept, erased].sort());

          // The copy verifies as the source did, and both roots the AAC holds still check against it.
          expect(copied.verified).toMatchObject({ checkpoint: { root: latestRoot } });
          for (const receipt of [firstRoot, latestRoot]) expect(await verifyChains(to.events, { receipt })).toMatchObject({ ok: true, checkpoint: { root: latestRoot, matches: true }, receipt: { found: true, matches: true } });

          const again = await migrateStores(from, to, { dryRun: false, now: () => new Date() });
          expect(again).toMatchObject({ events: { total: original.length, copied: 0, alreadyThere: original.length }, keys: { copied: 0, alreadyThere: keys.length } });
          expect(await copies()).toHaveLength(original.length);
        } finally {
          await closeAll(from);
          await closeAll(to);
        }
      });

      if (target.name === 'SQLite') {
        it('serves the copy: users sign in, the kept reporter reads back, the erased one stays erased', async () => {
          const t = await startTestApp(dir.path);
          try {
            const officer = await tokenFor(t, 'mig.officer', 'mig-officer-password');
            expect((await t.http().get(`/api/v1/reflections/${kept}`).set(bearer(officer)).expect(200)).body.reporter).toEqual(aReflection.reporter);
            expect((await t.http().get(`/api/v1/reflections/${erased}`).set(bearer(officer)).expect(200)).body.reporter).toBeNull();
          } finally {
            await t.close();
          }
        });
      }
    });
  }
});

/**
 * Appends a checkpoint as the first releases wrote them (schema version 1, naming the log position its scan ended
 * at) over every stream's head, and returns its root.
 */
async function appendVersion1Checkpoint(file: string): Promise<string> {
  const log = new SqliteEventStore({ file });
  try {
    const all = await log.readAll(null, 100_000);
    const heads = new Map<string, StreamHead>(all.map((event) => [event.streamId, { revision: event.revision, hash: event.chain?.hash as string }]));
    const root = merkleRoot(heads);
    const data = { root, position: all[all.length - 1].position.toString(), events: all.length, streams: heads.size, reason: 'on_request', changedHeads: [...heads].map(([streamId, head]) => [streamId, head.revision, head.hash]) };
    await log.append(CHECKPOINT_STREAM, [{ id: randomUUID(), type: CHECKPOINT_RECORDED, schemaVersion: 1, data, metadata: { actorId: 'migration-test', unitId: null, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() } }], 'no_stream');
    return root;
  } finally {
    await log.close();
  }
}
