import type { ChildProcess } from 'node:child_process';
import IORedis from 'ioredis';
import { freePort } from '../support/free-port';
import { until } from '../support/polling';
import { privateRedis, testPrefix } from '../support/redis';
import { ADMIN, aReflection, bearer, passwordOf, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** issue 11: Redis outages visible in /health, nothing waits on Redis, and the queue refilled at once. */
describe('the follow-up queue when Redis fails', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let port: number;
  let redis: ChildProcess;

  beforeAll(async () => {
    port = await freePort();
    redis = await privateRedis(port);
    t = await startTestApp(undefined, { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: testPrefix('outage') });
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'RDS');
    await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201);
    // 08:10 in Taipei on the morning the first reminder of its citizen reply (due 12/26) goes out: the queue holds
    // it, delayed until 09:00, for the rest of this test.
    t.clock.set('2026-12-23T00:10:00Z');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    redis?.kill('SIGKILL');
  });

  const stats = async () => (await t.http().get('/api/v1/follow-ups/stats').set(bearer(unit.tokens.supervisor)).expect(200)).body;
  const health = async () => (await t.http().get('/api/v1/health').expect(200)).body;

  it('refills the queue within 15 s when Redis loses its data', async () => {
    await until(async () => (await stats()).queue.depth > 0, 'the reminders to be scheduled');
    const client = new IORedis({ port, host: '127.0.0.1' });
    await client.flushall();
    await client.quit();
    const flushedAt = Date.now();
    expect((await stats()).queue.depth).toBe(0);
    await until(async () => (await stats()).queue.depth > 0, 'the queue to be refilled', 15_000);
    expect(Date.now() - flushedAt).toBeLessThan(15_000);
  }, 60_000);

  it('says it is degraded while Redis is down, answers stats without waiting on Redis, and keeps taking cases', async () => {
    const depthBefore = (await stats()).queue.depth as number;
    redis.kill('SIGKILL');
    await until(async () => (await health()).status === 'degraded', '/health to say degraded');
    expect((await health()).checks).toMatchObject({ eventStore: { status: 'up' }, readModels: { status: 'up' }, redis: { status: 'down' }, queue: { status: 'down' } });

    const started = Date.now();
    const during = await stats();
    // The queue's answer is bounded at 1.5 s; the ceiling here leaves room for a slow machine.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(during).toMatchObject({ pending: expect.any(Number), queue: { available: false } });
    await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, summary: 'Redis 停止時受理的案件' }).expect(201);
    // Signing in counts attempts in Redis, with memory as insurance: it works while Redis is down.
    await tokenFor(t, 'rds.officer', passwordOf('rds.officer'));

    redis = await privateRedis(port);
    const backAt = Date.now();
    await until(async () => (await health()).status === 'ok', '/health to say ok again');
    // The new Redis is empty: the reminders of both cases (the first's lost with the old Redis) are scheduled again
    // at once, not at the 10-minute tick.
    await until(async () => (await stats()).queue.depth >= 2 * depthBefore, 'the queue to be refilled after the outage', 15_000);
    expect(Date.now() - backAt).toBeLessThan(15_000);
  }, 120_000);
});
