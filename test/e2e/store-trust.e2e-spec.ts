import Database from '@integrity/sqlite';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runVerify } from '../../apps/cli/src/verify-stores';
import { callApp, spawnFromSources, startAppProcess, type AppProcess } from '../support/app-process';
import { until } from '../support/polling';
import { tempDir } from '../support/temp-dir';
import { ADMIN, aReflection, bearer, passwordOf, startTestApp, tokenFor, unitWithUsers } from '../support/test-app';

/** A unit with an officer in an app process; answers the officer's token. */
async function officerOf(app: AppProcess, code: string): Promise<string> {
  const admin = (await callApp(app, '/auth/token', ADMIN)).body.accessToken as string;
  const unit = (await callApp(app, '/units', { code, name: `${code}政風室`, agencyName: `${code}政府` }, admin)).body.id as string;
  const username = `${code.toLowerCase()}.officer`;
  await callApp(app, '/users', { username, password: passwordOf(username), displayName: '同仁', unitId: unit, roles: ['ethics_officer'] }, admin);
  return (await callApp(app, '/auth/token', { username, password: passwordOf(username) })).body.accessToken as string;
}

/** The streams of these reflections the log holds. */
function streamsInLog(dataDir: string, ids: string[]): number {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    const held = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM events WHERE stream_id = ?');
    return ids.filter((id) => held.get(`reflection-${id}`)!.n > 0).length;
  } finally {
    db.close();
  }
}

const verify = async (dataDir: string) => {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((text) => (lines.push(String(text)), true));
  try {
    return { code: await runVerify([dataDir]), said: lines.join('') };
  } finally {
    write.mockRestore();
  }
};

describe('a stop that stops', () => {
  const dir = tempDir('stop-under-load');
  afterAll(() => dir.remove());

  it('exits within 10 s of SIGTERM while 30 keep-alive writers keep writing, and keeps every write it acknowledged', async () => {
    const app = await startAppProcess(dir.path);
    const officer = await officerOf(app, 'KAL');
    // Node's fetch keeps its connections open between requests, as a browser's or a proxy's are.
    const acknowledged: string[] = [];
    let failures = 0;
    let stopped = false;
    const writer = async (w: number) => {
      for (let i = 0; !stopped; i++) {
        try {
          const response = await fetch(`${app.base}/api/v1/reflections`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` },
            body: JSON.stringify({ ...aReflection, reporter: null, summary: `寫入者${w}第${i}件` }),
          });
          const body = (await response.json()) as { id?: string };
          if (response.status === 201 && body.id) acknowledged.push(body.id);
          else failures++;
        } catch {
          // Refused or cut: never acknowledged, so nothing is owed.
          failures++;
          if (app.child.exitCode !== null) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const writers = Array.from({ length: 30 }, (_, w) => writer(w));
    await until(() => acknowledged.length >= 100, 'a hundred writes under load');
    const stoppedAt = Date.now();
    app.child.kill('SIGTERM');
    const code = await Promise.race([app.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
    const took = Date.now() - stoppedAt;
    stopped = true;
    await Promise.all(writers);
    if (code === 'still running') app.child.kill('SIGKILL');
    // Nest ends the process by the signal it was sent, once everything is closed (no exit code).
    expect([code, app.child.signalCode]).toEqual([null, 'SIGTERM']);
    expect(took).toBeLessThan(10_000);
    expect(app.output()).toMatch(/Stopping on SIGTERM: took no new connection, finished \d+ request\(s\)/);
    // Every write that was acknowledged is in the log after the stop.
    expect(streamsInLog(dir.path, acknowledged)).toBe(acknowledged.length);
    const restarted = await startAppProcess(dir.path);
    restarted.child.kill('SIGTERM');
    await restarted.exited;
    console.log(`acknowledged ${acknowledged.length} writes, ${failures} refused or cut; exited ${took} ms after SIGTERM`);
  }, 180_000);
});

describe('stores that know each other', () => {
  const dir = tempDir('stores-agree');
  afterAll(() => dir.remove());

  it('notices a deleted key store: 503 naming it, writes refused, no new key store made, a security event, verify non-zero', async () => {
    const dataDir = join(dir.path, 'keys');
    const first = await startTestApp(dataDir);
    const admin = await tokenFor(first, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(first, admin, 'KEY');
    const { id } = (await first.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body;
    await first.close();
    const keys = join(dataDir, 'personal-data-keys.sqlite');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${keys}${suffix}`, { force: true });

    const second = await startTestApp(dataDir);
    try {
      const health = await second.http().get('/api/v1/health').expect(503);
      expect(health.body.checks.personalDataKeys).toMatchObject({ status: 'damaged', problems: [expect.stringContaining('personal-data-keys.sqlite is missing')], repair: expect.stringContaining('restore personal-data-keys.sqlite') });
      const officer = await tokenFor(second, 'key.officer', passwordOf('key.officer'));
      const refused = await second.http().post('/api/v1/reflections').set(bearer(officer)).send(aReflection).expect(503);
      expect(refused.body).toMatchObject({ error: 'STORE_DAMAGED', details: [{ store: 'personalDataKeys' }] });
      // Reporters are not read as if they never were: the case's reporter is not answered at all.
      await second.http().get(`/api/v1/reflections/${id}`).set(bearer(officer)).expect(503);
      expect(existsSync(keys)).toBe(false);
      const events = (await second.http().get('/api/v1/security-events?type=store_damaged').set(bearer(await tokenFor(second, ADMIN.username, ADMIN.password))).expect(200)).body.items;
      expect(events[0]).toMatchObject({ subject: 'personalDataKeys', detail: { problems: [expect.stringContaining('missing')] } });
    } finally {
      await second.close();
    }
    const verdict = await verify(dataDir);
    expect(verdict.code).toBe(1);
    expect(verdict.said).toContain("personal-data-keys.sqlite (the log's): MISSING: the log needs the key store it was recorded with");
    expect(verdict.said).toContain('to repair: restore personal-data-keys.sqlite from its backup');
  });

  it('notices a key store replaced by another one', async () => {
    const dataDir = join(dir.path, 'replaced');
    const other = join(dir.path, 'other');
    for (const path of [dataDir, other]) {
      const app = await startTestApp(path);
      await app.close();
    }
    writeFileSync(join(dataDir, 'personal-data-keys.sqlite'), readFileSync(join(other, 'personal-data-keys.sqlite')));
    const app = await startTestApp(dataDir);
    try {
      const health = await app.http().get('/api/v1/health').expect(503);
      expect(health.body.checks.personalDataKeys.problems).toEqual([expect.stringContaining('the key store is not the one this log was recorded with')]);
    } finally {
      await app.close();
    }
  });

  it('notices a log that lost its WAL file: the read models ahead of it are damage, until they are rebuilt', async () => {
    const dataDir = join(dir.path, 'lost-wal');
    const app = await startAppProcess(dataDir);
    const officer = await officerOf(app, 'WAL');
    let last = '';
    for (let i = 0; i < 300; i++) last = String((await callApp(app, '/reflections', { ...aReflection, reporter: null, summary: `第${i}件` }, officer)).body.position);
    await until(async () => (await fetch(`${app.base}/api/v1/health?minPosition=${last}`)).ok, 'the read models to hold every case');
    // Killed before SQLite moved its WAL into the file, then the WAL lost: acknowledged events gone from the log.
    app.child.kill('SIGKILL');
    await app.exited;
    for (const suffix of ['-wal', '-shm']) rmSync(join(dataDir, `events.sqlite${suffix}`), { force: true });

    const damaged = await startAppProcess(dataDir);
    const health = (await callApp(damaged, '/health', null)).body as { status: string; checks: { readModels: { status: string; problems: string[]; repair: string } } };
    expect(health.status).toBe('error');
    expect(health.checks.readModels).toMatchObject({ status: 'damaged', problems: [expect.stringContaining('the log lost events the read models hold')], repair: expect.stringContaining('npm run projections:rebuild') });
    damaged.child.kill('SIGTERM');
    await damaged.exited;
    const before = await verify(dataDir);
    expect([before.code, before.said]).toEqual([1, expect.stringMatching(/read-models\.sqlite \(against the log\): AHEAD: /)]);

    // The documented repair: the read models rebuilt from the log as it is.
    const rebuild = spawnFromSources('apps/cli/src/rebuild-projections.ts', [], { DATA_DIR: dataDir });
    expect(await rebuild.exited).toBe(0);
    const after = await verify(dataDir);
    expect(after.said).toContain('read-models.sqlite (against the log): ok (not ahead of the log)');
    const repaired = await startAppProcess(dataDir);
    try {
      expect(((await callApp(repaired, '/health', null)).body as { status: string }).status).toBe('ok');
      const token = (await callApp(repaired, '/auth/token', { username: 'wal.officer', password: passwordOf('wal.officer') })).body.accessToken as string;
      const created = await callApp(repaired, '/reflections', { ...aReflection, reporter: null, summary: '修復後的新案件' }, token);
      expect(created.status).toBe(201);
      await until(async () => {
        const listed = await callApp(repaired, `/reflections?q=${encodeURIComponent('修復後的新案件')}&minPosition=${created.body.position}`, null, token);
        return (listed.body.items ?? []).length === 1;
      }, 'the new case to appear in the list');
    } finally {
      repaired.child.kill('SIGTERM');
      await repaired.exited;
    }
  }, 240_000);
});

describe('verify means verify', () => {
  const dir = tempDir('flipped-bytes');
  afterAll(() => dir.remove());

  it('finds 16 flipped bytes in one event’s data: its stream’s read is 503 naming it, the store damaged from then on, verify non-zero', async () => {
    const first = await startTestApp(dir.path);
    const admin = await tokenFor(first, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(first, admin, 'FLP');
    const marker = 'MARKER-0123456789ABCDEF-MARKER';
    const { id } = (await first.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, summary: `路燈故障 ${marker}` }).expect(201)).body;
    await first.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201);
    await first.close();
    const log = join(dir.path, 'events.sqlite');
    const bytes = readFileSync(log);
    const at = bytes.indexOf(Buffer.from(marker));
    expect(at).toBeGreaterThan(0);
    const fd = openSync(log, 'r+');
    writeSync(fd, Buffer.from('X'.repeat(16)), 0, 16, at + 7);
    closeSync(fd);

    const damaged = await startTestApp(dir.path);
    try {
      const officer = await tokenFor(damaged, 'flp.officer', passwordOf('flp.officer'));
      await damaged.http().get('/api/v1/health').expect(200);
      const read = await damaged.http().get(`/api/v1/reflections/${id}/history`).set(bearer(officer)).set('Accept-Language', 'zh-TW').expect(503);
      expect(read.body).toMatchObject({ error: 'STORE_DAMAGED', details: [{ store: 'eventStore', streamId: `reflection-${id}`, revision: 0, reason: 'hash_mismatch' }] });
      expect(read.body.message).toContain('第1筆紀錄');
      // At that moment, not at the next periodic check: health says so and writes are refused.
      expect((await damaged.http().get('/api/v1/health').expect(503)).body.checks.eventStore).toMatchObject({ status: 'damaged', problems: [`stream reflection-${id} at revision 0: hash_mismatch`] });
      await damaged.http().post('/api/v1/reflections').set(bearer(officer)).send(aReflection).expect(503);
      const audit = await damaged.http().get('/api/v1/audit/verify').set(bearer(await tokenFor(damaged, ADMIN.username, ADMIN.password))).expect(200);
      expect(audit.body).toMatchObject({ ok: false, firstBroken: { streamId: `reflection-${id}`, revision: 0, reason: 'hash_mismatch' } });
    } finally {
      await damaged.close();
    }
    const verdict = await verify(dir.path);
    expect(verdict.code).toBe(1);
    expect(verdict.said).toContain(`events.sqlite (hash chains): BROKEN: hash_mismatch in reflection-${id} at revision 0`);
  });
});

describe('derived data rebuilds itself', () => {
  const dir = tempDir('read-models-set-aside');
  afterAll(() => dir.remove());

  it('sets a damaged read-model file aside and rebuilds it from the log at start', async () => {
    const first = await startTestApp(dir.path);
    const admin = await tokenFor(first, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(first, admin, 'RMD');
    for (let i = 0; i < 20; i++) await first.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, summary: `第${i}件` }).expect(201);
    await first.close();
    const file = join(dir.path, 'read-models.sqlite');
    const fd = openSync(file, 'r+');
    // Half a page from its start, in the middle of the file: a page's header and cell pointers, which SQLite's check reads.
    const pageSize = 16384;
    writeSync(fd, randomBytes(8192), 0, 8192, pageSize * Math.floor(statSync(file).size / pageSize / 2));
    closeSync(fd);

    const second = await startTestApp(dir.path);
    try {
      expect(readdirSync(dir.path).filter((name) => /^read-models\.sqlite\.damaged-[\dTZ-]+$/.test(name))).toHaveLength(1);
      await second.http().get('/api/v1/health').expect(200);
      const officer = await tokenFor(second, 'rmd.officer', passwordOf('rmd.officer'));
      await until(async () => (await second.http().get('/api/v1/reflections?limit=100').set(bearer(officer))).body.items?.length === 20, 'the rebuilt read models to list every case');
      const admin2 = await tokenFor(second, ADMIN.username, ADMIN.password);
      const events = (await second.http().get('/api/v1/security-events?type=store_set_aside').set(bearer(admin2)).expect(200)).body.items;
      expect(events[0]).toMatchObject({ subject: 'readModels', detail: { repair: expect.stringContaining('set aside as') } });
    } finally {
      await second.close();
    }
  });
});

describe('a full disk has a name', () => {
  const dir = tempDir('full-disk');
  const mount = join(dir.path, 'tmpfs');
  afterAll(() => {
    try {
      execFileSync('umount', [mount]);
    } catch {
      // Not mounted: nothing to undo.
    }
    dir.remove();
  });

  it('answers 507 STORAGE_FULL and health degraded while the disk is full, then goes on by itself with nothing lost', async () => {
    mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m,mode=0700', 'tmpfs', mount]);
    const app = await startAppProcess(mount);
    try {
      const officer = await officerOf(app, 'FUL');
      const before = await callApp(app, '/reflections', { ...aReflection, summary: '磁碟滿之前' }, officer);
      expect(before.status).toBe(201);
      // Fill what is left, as another program on the machine would.
      const filler = join(mount, 'filler');
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1M', 'count=100'], { stdio: 'ignore' });
      } catch {
        // dd stops when the disk is full: that is the point.
      }
      let full: Awaited<ReturnType<typeof callApp>> | null = null;
      for (let i = 0; i < 50 && full?.status !== 507; i++) full = await callApp(app, '/reflections', { ...aReflection, summary: `磁碟已滿${i}`, reporter: null }, officer, { 'accept-language': 'zh-TW' });
      expect(full?.body).toMatchObject({ error: 'STORAGE_FULL', message: expect.stringContaining('磁碟空間已滿') });
      const health = (await callApp(app, '/health', null)).body as { status: string; checks: { storage: { status: string; freeBytes: number } } };
      expect([health.status, health.checks.storage.status]).toEqual(['degraded', 'full']);

      rmSync(filler);
      const after = await callApp(app, '/reflections', { ...aReflection, summary: '空間釋出之後' }, officer);
      expect(after.status).toBe(201);
      await until(async () => ((await callApp(app, '/health', null)).body as { status: string }).status === 'ok', 'health to be ok again');
      await until(async () => {
        const listed = await callApp(app, `/reflections?limit=100&minPosition=${after.body.position}`, null, officer);
        const summaries = (listed.body.items as { summary: string }[] | undefined)?.map((item) => item.summary) ?? [];
        return summaries.includes('磁碟滿之前') && summaries.includes('空間釋出之後');
      }, 'both cases to be listed');
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  }, 180_000);
});
