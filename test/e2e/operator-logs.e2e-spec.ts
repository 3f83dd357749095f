import Database from '@integrity/sqlite';
import { join } from 'node:path';
import { callApp as call, startAppProcess, type AppProcess } from '../support/app-process';
import { tempDir } from '../support/temp-dir';
import { flushPrefix, REDIS_URL, testPrefix } from '../support/redis';
import { ADMIN, aReflection, passwordOf } from '../support/test-app';

const JWT_SECRET = 'operator-logs-test-secret-that-must-never-be-logged-4f1c';

/** What an operator's log search finds: JSON lines with the request's correlation id, and no personal data or secret. */
describe('logs an operator can search', () => {
  const dir = tempDir('operator-logs');
  // A queue of its own, new as on a fresh install: the first look at it must not read as a loss.
  const prefix = testPrefix('operator-logs');
  let app: AppProcess | undefined;
  afterAll(async () => {
    app?.child.kill('SIGKILL');
    dir.remove();
    await flushPrefix(prefix);
  });

  it('writes JSON lines carrying X-Request-Id into the response and the events, warns of nothing on a fresh directory, says why it stopped, and never a reporter’s name, phone or address, a password, a token or the JWT secret', async () => {
    app = await startAppProcess(dir.path, { JWT_SECRET, REDIS_URL, REDIS_PREFIX: prefix });
    const admin = (await call(app, '/auth/token', ADMIN)).body.accessToken as string;
    const unit = (await call(app, '/units', { code: 'LOG', name: 'LOG政風室', agencyName: 'LOG政府' }, admin)).body.id as string;
    await call(app, '/users', { username: 'log.officer', password: passwordOf('log.officer'), displayName: '同仁', unitId: unit, roles: ['ethics_officer'] }, admin);
    await call(app, '/users', { username: 'log.supervisor', password: passwordOf('log.supervisor'), displayName: '主管', unitId: unit, roles: ['supervisor'] }, admin);
    const officer = (await call(app, '/auth/token', { username: 'log.officer', password: passwordOf('log.officer') })).body.accessToken as string;
    const supervisor = (await call(app, '/auth/token', { username: 'log.supervisor', password: passwordOf('log.supervisor') })).body.accessToken as string;

    // A proxy's request id is taken, returned, and recorded in the event's metadata; without one, one is made.
    const received = await call(app, '/reflections', aReflection, officer, { 'x-request-id': 'proxy-req-7f3a' });
    expect({ status: received.status, requestId: received.headers.get('x-request-id') }).toEqual({ status: 201, requestId: 'proxy-req-7f3a' });
    const made = await call(app, '/reflections', aReflection, officer);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // What users type about a reporter, in a search, in refused input and in an erasure, must stay out of the log.
    await call(app, `/reflections?q=${encodeURIComponent(aReflection.reporter.name)}`, null, officer);
    const refused = await call(app, '/reflections', { ...aReflection, reporter: { ...aReflection.reporter, phone: `${aReflection.reporter.phone}x` } }, officer);
    expect(refused.status).toBe(400);
    await call(app, `/reflections/${String(made.body.id)}/erase-reporter`, { reason: '當事人請求刪除' }, supervisor);
    await call(app, '/auth/token', { username: 'log.officer', password: 'a-wrong-password-typed-by-someone' });

    // The worker looks at the queue every 2 s: past its first look, a new queue must not read as one that lost its data.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    app.child.kill('SIGTERM');
    await app.exited;
    const log = app.output();
    const lines = log.split('\n').filter((line) => line.trim() !== '');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.find((entry) => entry.correlationId === 'proxy-req-7f3a' && entry.msg === 'request')).toMatchObject({ method: 'POST', path: '/api/v1/reflections', status: 201 });
    // A fresh data directory warns of nothing (but a Node past its end of life), and the log says why it stopped.
    const warnings = entries.filter((entry) => entry.level === 'warn' && !/reached its end of life/.test(String(entry.msg)));
    expect(warnings.map((entry) => entry.msg)).toEqual([]);
    expect(entries.some((entry) => entry.msg === 'SIGTERM: stopping')).toBe(true);

    const events = new Database(join(dir.path, 'events.sqlite'), { readonly: true });
    const metadata = events.prepare<[], { metadata: string }>("SELECT metadata FROM events WHERE type = 'ReflectionReceived' ORDER BY position LIMIT 1").get();
    events.close();
    expect(JSON.parse(metadata?.metadata ?? '{}').correlationId).toBe('proxy-req-7f3a');

    const phoneDigits = aReflection.reporter.phone.replace(/\D/g, '');
    const never = [
      aReflection.reporter.name,
      aReflection.reporter.phone,
      phoneDigits,
      aReflection.reporter.address,
      encodeURIComponent(aReflection.reporter.name),
      ADMIN.password,
      passwordOf('log.officer'),
      'a-wrong-password-typed-by-someone',
      JWT_SECRET,
      admin,
      officer,
    ];
    expect(never.filter((secret) => log.includes(secret))).toEqual([]);
  }, 300_000);
});
