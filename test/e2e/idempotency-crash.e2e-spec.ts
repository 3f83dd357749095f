import Database from '@integrity/sqlite';
import { collectionTable } from '@integrity/read-models';
import { join } from 'node:path';
import { callApp as call, startAppProcess, type AppProcess } from '../support/app-process';
import { until } from '../support/polling';
import { tempDir } from '../support/temp-dir';
import { ADMIN, aReflection, passwordOf } from '../support/test-app';

const signIn = async (app: AppProcess, username: string, password: string) => (await call(app, '/auth/token', { username, password })).body.accessToken as string;

/** issue 11: a key whose first request died with its process (kill -9) is free again within 5 s. */
describe('an Idempotency-Key whose request died with its process', () => {
  const dir = tempDir('idempotency-crash');
  let app: AppProcess | undefined;
  afterAll(() => {
    app?.child.kill('SIGKILL');
    dir.remove();
  });

  it('is free again within 5 s of the kill, and its retry writes the case once', async () => {
    app = await startAppProcess(dir.path);
    const admin = await signIn(app, ADMIN.username, ADMIN.password);
    const unit = (await call(app, '/units', { code: 'IDM', name: 'IDM政風室', agencyName: 'IDM政府' }, admin)).body.id as string;
    expect((await call(app, '/users', { username: 'idm.officer', password: passwordOf('idm.officer'), displayName: '同仁', unitId: unit, roles: ['ethics_officer'] }, admin)).status).toBe(201);
    const officer = await signIn(app, 'idm.officer', passwordOf('idm.officer'));
    const key = { 'Idempotency-Key': 'crash-retry-1' };

    // Another process holds the event log's write lock, so the request claims its key and then waits on the append.
    const lock = new Database(join(dir.path, 'events.sqlite'));
    lock.exec('BEGIN IMMEDIATE');
    const first = call(app, '/reflections', aReflection, officer, key).catch(() => 'cut off');
    const readModels = new Database(join(dir.path, 'read-models.sqlite'), { readonly: true });
    // The collection's table is made by its first write: the claim itself.
    const table = () => readModels.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(`rm:idempotency_records`);
    const inProgress = () =>
      table() !== undefined &&
      readModels
        .prepare<[], { document: string }>(`SELECT document FROM ${collectionTable('idempotency_records')}`)
        .all()
        .some((row) => JSON.parse(row.document).state === 'in_progress');
    await until(inProgress, 'the first request to claim its key');
    readModels.close();
    app.child.kill('SIGKILL');
    await app.exited;
    const killedAt = Date.now();
    expect(await first).toBe('cut off');
    lock.exec('ROLLBACK');
    lock.close();

    app = await startAppProcess(dir.path);
    const token = await signIn(app, 'idm.officer', passwordOf('idm.officer'));
    const refusedLate: number[] = [];
    let retried = await call(app, '/reflections', aReflection, token, key);
    while (retried.status === 409) {
      expect(retried.body.error).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      // Half a second of grace for the two processes' timers; the lease itself is 4 s.
      if (Date.now() - killedAt > 5_500) refusedLate.push(Date.now() - killedAt);
      await new Promise((resolve) => setTimeout(resolve, 200));
      retried = await call(app, '/reflections', aReflection, token, key);
    }
    expect(refusedLate).toEqual([]);
    expect(retried.status).toBe(201);

    const replay = await call(app, '/reflections', aReflection, token, key);
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body.id]).toEqual([201, 'true', retried.body.id]);
    await call(app, `/health?minPosition=${String(retried.body.position)}`, null);
    const cases = await call(app, '/reflections', null, token);
    expect(cases.body.items).toHaveLength(1);
  }, 300_000);
});
