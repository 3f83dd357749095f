import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EventStoreDbEventStore, type NewEvent } from '@integrity/event-store';
import { FencedError, Leadership, RedisLease, SOLE_WRITER } from '@integrity/lease';
import { ReadModelPersonalDataKeyStore } from '@integrity/identity';
import { KEYS_DATABASE, StoreIntegrity, settingsFrom } from '@integrity/platform';
import { ActiveReadModels, applyBatch, EmbeddedReadModelStore, MongoDbReadModelStore, positionKey, rebuildReadModels, StaleWriterError } from '@integrity/read-models';
import { ProjectionLagProbe } from '../../apps/api/src/http/projection-lag';
import { Projector } from '../../apps/worker/src/projector/projector';
import { EventStoreDb2410Double } from '../support/eventstoredb-24-10-double';
import { MongoDb7Double } from '../support/mongodb-7-double';
import { until } from '../support/polling';
import { flushPrefix, REDIS_URL, testPrefix } from '../support/redis';
import { tempDir } from '../support/temp-dir';
import { aReflection, ADMIN, bearer, startTestApp, tokenFor, unitWithUsers } from '../support/test-app';

const fact = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actorId: 'user-1', unitId: 'unit-1', correlationId: randomUUID(), causationId: null, occurredAt: '2026-11-27T02:00:00.000Z' },
});
const clock = { now: () => new Date('2026-11-27T02:00:05.000Z') };

/** What breaks on real servers and not on the embedded stores, shown on the EventStoreDB 24.10 double (see README). */
describe('production stores', () => {
  const dir = tempDir('production-stores');
  const integrities: StoreIntegrity[] = [];
  afterAll(() => {
    for (const integrity of integrities) integrity.onApplicationShutdown();
    dir.remove();
  });
  /** A worker's view of its stores' health, on production stores (no embedded files of its own to check). */
  const storeIntegrity = () => {
    const integrity = new StoreIntegrity(settingsFrom({ DATA_DIR: dir.path, EVENTSTORE_CONNECTION_STRING: 'kurrentdb://127.0.0.1:2113?tls=false', MONGODB_URI: 'mongodb://127.0.0.1:27017/integrity' }, 'worker'));
    integrities.push(integrity);
    return integrity;
  };

  it('measures readiness past 10,000 trailing events of other categories and 3,000 of the server’s own in at most two store calls', async () => {
    const double = new EventStoreDb2410Double();
    const events = new EventStoreDbEventStore(double.connection());
    const readModels = new EmbeddedReadModelStore(join(dir.path, 'readiness.sqlite'));
    try {
      await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      await rebuildReadModels(events, readModels, null, clock.now);
      for (let i = 0; i < 20; i++) await events.append(`signin-${randomUUID()}`, Array.from({ length: 500 }, () => fact('SignInFailed')), 'no_stream');
      double.systemEvents(3000);
      const active = new ActiveReadModels(readModels);
      const probe = new ProjectionLagProbe(events, active, clock);

      let calls = double.calls.readAll + double.calls.readStream;
      const behind = await probe.measure();
      expect(behind).toMatchObject({ caughtUp: false, lagSeconds: 5 });
      expect(double.calls.readAll + double.calls.readStream - calls).toBeLessThanOrEqual(2);

      await rebuildReadModels(events, readModels, null, clock.now);
      active.refresh();
      calls = double.calls.readAll + double.calls.readStream;
      expect(await probe.measure()).toMatchObject({ caughtUp: true, lagSeconds: 0 });
      expect(double.calls.readAll + double.calls.readStream - calls).toBeLessThanOrEqual(2);
    } finally {
      await readModels.close();
    }
  });

  it('subscribes again when the server ends the projector’s subscription without an error, and projects what follows', async () => {
    const double = new EventStoreDb2410Double();
    const events = new EventStoreDbEventStore(double.connection());
    const readModels = new EmbeddedReadModelStore(join(dir.path, 'projector.sqlite'));
    const active = new ActiveReadModels(readModels);
    const projector = new Projector(events, readModels, active, clock, SOLE_WRITER, storeIntegrity());
    try {
      await projector.onApplicationBootstrap();
      const first = await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      expect(await active.caughtUpWith(first.position, 10_000)).toBe(true);
      double.endSubscriptions();
      const next = await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      expect(await active.caughtUpWith(next.position, 20_000)).toBe(true);
      expect(double.calls.subscribeToAll).toBe(2);
    } finally {
      await projector.onApplicationShutdown();
      await readModels.close();
    }
  });

  it('fences a worker paused past its lease: it writes nothing when it resumes, and the store refuses a batch it had begun', async () => {
    const prefix = testPrefix('fencing');
    const mongo = new MongoDb7Double();
    const readModels = new MongoDbReadModelStore(await mongo.start());
    const events = new EventStoreDbEventStore(new EventStoreDb2410Double().connection());
    const timings = { ttlMs: 1_000, renewEveryMs: 200 };
    const [leaseA, leaseB] = [new RedisLease(REDIS_URL, prefix, 'worker'), new RedisLease(REDIS_URL, prefix, 'worker')];
    const [first, second] = [new Leadership(leaseA, 'worker-first', timings), new Leadership(leaseB, 'worker-second', timings)];
    const activeA = new ActiveReadModels(readModels);
    const projectorA = new Projector(events, readModels, activeA, clock, first, storeIntegrity());
    const projectorB = new Projector(events, readModels, new ActiveReadModels(readModels), clock, second, storeIntegrity());
    try {
      await first.lead();
      let lost: string | null = null;
      first.keep((reason) => (lost = reason));
      const epochA = first.epoch();
      await projectorA.onApplicationBootstrap();
      const one = await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      expect(await activeA.caughtUpWith(one.position, 10_000)).toBe(true);

      // The first worker's process stops past its lease (a long GC, a paused VM): no timer, no renewal runs.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_300);
      const two = await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      await until(() => lost !== null, 'the paused worker to learn it lost the lease');
      expect(() => first.epoch()).toThrow(FencedError);
      expect(await activeA.caughtUpWith(two.position, 1_500)).toBe(false);
      expect((await (await activeA.current()).checkpoint()).position).toBe(positionKey(one.position));
      await projectorA.onApplicationShutdown();

      await second.lead();
      second.keep(() => undefined);
      const epochB = second.epoch();
      expect(epochB).toBeGreaterThan(epochA);
      await projectorB.onApplicationBootstrap();
      expect(await activeA.caughtUpWith(two.position, 10_000)).toBe(true);
      const set = await activeA.current();
      expect(await set.checkpoint()).toMatchObject({ epoch: epochB });

      // A batch the first worker began under its lease, written after the second took over: the checkpoint refuses it.
      const three = await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      const [late] = await events.readAll(two.position, 1);
      expect(late.position).toBe(three.position);
      await expect(applyBatch(set, [late], { ...(await set.checkpoint()), epoch: epochA }, clock.now())).rejects.toBeInstanceOf(StaleWriterError);
      expect(await activeA.caughtUpWith(three.position, 10_000)).toBe(true);
      expect(await set.checkpoint()).toMatchObject({ epoch: epochB });
    } finally {
      await projectorA.onApplicationShutdown();
      await projectorB.onApplicationShutdown();
      await second.release();
      await Promise.all([leaseA.close(), leaseB.close(), readModels.close()]);
      await mongo.stop();
      await flushPrefix(prefix);
    }
  });

  it('reports a log restored to an earlier point (read models ahead of it) with the command that fixes it, and skips nothing over', async () => {
    const double = new EventStoreDb2410Double();
    const events = new EventStoreDbEventStore(double.connection());
    const readModels = new EmbeddedReadModelStore(join(dir.path, 'restore.sqlite'));
    const active = new ActiveReadModels(readModels);
    const worker = storeIntegrity();
    const projector = new Projector(events, readModels, active, clock, SOLE_WRITER, worker);
    const restartedWorker = storeIntegrity();
    const restarted = new Projector(events, readModels, active, clock, SOLE_WRITER, restartedWorker);
    const append = () => events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
    try {
      await projector.onApplicationBootstrap();
      await append();
      const backupTakenAt = double.eventCount;
      await append();
      const head = await append();
      expect(await active.caughtUpWith(head.position, 10_000)).toBe(true);

      // Restored from a backup taken after the first event; the server restarted, ending the subscription.
      double.restoreTo(backupTakenAt);
      await until(() => worker.state('readModels')?.status === 'damaged', 'the projector to report the read models ahead of the log');
      expect(worker.state('readModels')).toMatchObject({ problems: [expect.stringMatching(/^READ_MODELS_AHEAD_OF_LOG: .*the log ends at/)], repair: expect.stringContaining('npm run projections:rebuild') });

      // New events carry the log past the old head: none is projected over the events between.
      let latest = await append();
      while (latest.position <= head.position) latest = await append();
      expect(await active.caughtUpWith(latest.position, 1_500)).toBe(false);
      expect((await (await active.current()).checkpoint()).position).toBe(positionKey(head.position));

      // A worker started now, with the log past the old head, finds the last event it applied gone from the log.
      await restarted.onApplicationBootstrap();
      expect(restartedWorker.state('readModels')).toMatchObject({ problems: [expect.stringMatching(/^READ_MODELS_AHEAD_OF_LOG: the last event the read models applied .* is not in its place in the log/)] });

      // The command the report names rebuilds them from this log, and projection goes on from there.
      await rebuildReadModels(events, readModels, null, clock.now);
      active.refresh();
      await until(async () => (await (await active.current()).checkpoint()).position === positionKey(latest.position), 'the rebuilt read models to hold the log');
      const after = await append();
      expect(await active.caughtUpWith(after.position, 10_000)).toBe(true);
    } finally {
      await projector.onApplicationShutdown();
      await restarted.onApplicationShutdown();
      await readModels.close();
    }
  });

  it('keeps the personal-data keys in their own database: the read models’ dropped, every reporter still reads; keys an earlier release kept there move', async () => {
    const mongo = new MongoDb7Double();
    const uri = await mongo.start();
    const dataDir = tempDir('keys-apart');
    const readModelsDb = new MongoDbReadModelStore(uri);
    const keysDb = new MongoDbReadModelStore(uri, KEYS_DATABASE);
    try {
      await new ReadModelPersonalDataKeyStore(readModelsDb).put('key-from-an-earlier-release', Buffer.alloc(32, 7), new Date('2026-01-05T00:00:00Z'));
      let t = await startTestApp(dataDir.path, { MONGODB_URI: uri });
      const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
      const unit = await unitWithUsers(t, admin, 'KEY');
      const id = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body.id as string;
      await t.close();

      const keys = await keysDb.collection('personal_data_keys').find({});
      expect(keys.map((key) => key._id)).toContain('key-from-an-earlier-release');
      expect(keys.length).toBeGreaterThanOrEqual(2);
      expect(await readModelsDb.collection('personal_data_keys').countDocuments({})).toBe(0);
      expect(await readModelsDb.collection('personal_data_key_store').countDocuments({})).toBe(0);

      // The read models' database dropped whole (restored, rebuilt): rebuilt from the log, the keys untouched.
      for (const name of mongo.collectionNames('integrity_platform')) await readModelsDb.collection(name).drop();
      t = await startTestApp(dataDir.path, { MONGODB_URI: uri });
      const officer = await tokenFor(t, 'key.officer', 'key-officer-password');
      await t.http().get(`/api/v1/health?minPosition=0`).expect(200);
      await until(async () => (await t.http().get(`/api/v1/reflections/${id}`).set(bearer(officer))).status === 200, 'the case to be projected again');
      expect((await t.http().get(`/api/v1/reflections/${id}`).set(bearer(officer)).expect(200)).body.reporter.name).toBe(aReflection.reporter.name);
      expect((await t.http().get('/api/v1/health').expect(200)).body.checks.personalDataKeys).toMatchObject({ status: 'up' });
      await t.close();
    } finally {
      await Promise.all([readModelsDb.close(), keysDb.close()]);
      await mongo.stop();
      dataDir.remove();
    }
  });
});
