import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { callApp as post, startAppProcess, type AppProcess } from '../support/app-process';
import { freePort } from '../support/free-port';
import { until } from '../support/polling';
import { privateRedis, testPrefix } from '../support/redis';
import { tempDir } from '../support/temp-dir';
import { ADMIN, aReflection, passwordOf } from '../support/test-app';

/** issue 11: SIGTERM stops taking requests, finishes those in flight, and exits within 10 s; nothing acknowledged is lost. */
describe('stopping with SIGTERM', () => {
  const dir = tempDir('graceful-stop');
  let app: AppProcess | undefined;
  let redis: ChildProcess | undefined;
  let outageApp: AppProcess | undefined;
  afterAll(() => {
    app?.child.kill('SIGKILL');
    outageApp?.child.kill('SIGKILL');
    redis?.kill('SIGKILL');
    dir.remove();
  });

  it('answers every request it took, exits within 10 s, and keeps every case it acknowledged', async () => {
    app = await startAppProcess(dir.path);
    const admin = (await post(app, '/auth/token', ADMIN)).body.accessToken as string;
    const unit = (await post(app, '/units', { code: 'STP', name: 'STP政風室', agencyName: 'STP政府' }, admin)).body.id as string;
    await post(app, '/users', { username: 'stp.officer', password: passwordOf('stp.officer'), displayName: '同仁', unitId: unit, roles: ['ethics_officer'] }, admin);
    const officer = (await post(app, '/auth/token', { username: 'stp.officer', password: passwordOf('stp.officer') })).body.accessToken as string;

    const running = app;
    const inFlight = Array.from({ length: 30 }, (_, i) => post(running, '/reflections', { ...aReflection, summary: `停止前送出的第${i + 1}件` }, officer).catch(() => 'not taken' as const));
    // Stop once the server is at work on them: the first answer is back, the others are in flight or queued.
    await Promise.race(inFlight);
    const stoppedAt = Date.now();
    app.child.kill('SIGTERM');
    await app.exited;
    const stopTook = Date.now() - stoppedAt;
    const answers = await Promise.all(inFlight);
    const taken = answers.filter((answer) => answer !== 'not taken');
    // A request the server took is answered, and only with success: none cut off with a 5xx.
    expect(taken.map((answer) => answer.status).filter((status) => status !== 201)).toEqual([]);
    expect(stopTook).toBeLessThan(10_000);

    const last = taken.map((answer) => BigInt(String(answer.body.position))).reduce((a, b) => (a > b ? a : b));
    app = await startAppProcess(dir.path);
    const restarted = app;
    await until(async () => (await fetch(`${restarted.base}/api/v1/health?minPosition=${last}`)).ok, 'the read models to hold every acknowledged case');
    const token = (await post(app, '/auth/token', { username: 'stp.officer', password: passwordOf('stp.officer') })).body.accessToken as string;
    const listed = await fetch(`${app.base}/api/v1/reflections?limit=100`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(taken.length);
  }, 300_000);

  it('exits within 10 s on the follow-up queue in Redis while Redis is down, and just after it came back', async () => {
    const port = await freePort();
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_PREFIX: testPrefix('graceful-stop') };
    const stopWhile = async (what: string, meanwhile: () => Promise<void>) => {
      redis = await privateRedis(port);
      const running = await startAppProcess(join(dir.path, what), env);
      outageApp = running;
      const status = async () => ((await (await fetch(`${running.base}/api/v1/health`)).json()) as { status: string }).status;
      await until(async () => (await status()) === 'ok', 'the app to reach its Redis');
      redis.kill('SIGKILL');
      await until(async () => (await status()) === 'degraded', '/health to say degraded');
      await meanwhile();
      const stoppedAt = Date.now();
      running.child.kill('SIGTERM');
      // Nest closes the application, then raises the signal again: the process ends by SIGTERM, not with a code.
      // One that has not ended a minute on is stuck, and is killed so that the test says so.
      const stuck = setTimeout(() => running.child.kill('SIGKILL'), 60_000);
      const code = await running.exited;
      clearTimeout(stuck);
      const signal = running.child.signalCode;
      return { what, code, signal, fast: Date.now() - stoppedAt < 10_000, output: signal === 'SIGTERM' ? '' : running.output().split('\n').slice(-20).join('\n') };
    };
    const down = await stopWhile('down', async () => undefined);
    // Back a moment before the stop: the app's connections may still be waiting for their next attempt.
    const back = await stopWhile('back', async () => {
      redis = await privateRedis(port);
    });
    expect([down, back]).toEqual([
      { what: 'down', code: null, signal: 'SIGTERM', fast: true, output: '' },
      { what: 'back', code: null, signal: 'SIGTERM', fast: true, output: '' },
    ]);
  }, 300_000);
});
