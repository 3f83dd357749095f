import { randomBytes } from 'node:crypto';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runVerify, verifyStores } from '../../apps/cli/src/verify-stores';
import { tempDir } from '../support/temp-dir';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers } from '../support/test-app';

/** issue 11: 4 KiB of random bytes in the middle of the event log is found at start; writes are refused, reads go on. */
describe('a damaged event log', () => {
  const dir = tempDir('store-damage');
  afterAll(() => dir.remove());

  it('is found at start: /health answers 503 naming it, every write is refused, reads and sign-in go on, and npm run verify fails', async () => {
    const first = await startTestApp(dir.path);
    const admin = await tokenFor(first, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(first, admin, 'DMG');
    let position = '';
    for (let i = 0; i < 60; i++) {
      position = (await first.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, summary: `第${i + 1}件：${aReflection.summary}` }).expect(201)).body.position;
    }
    await first.http().get(`/api/v1/health?minPosition=${position}`).expect(200);
    await first.close();
    expect((await verifyStores(dir.path)).map((verdict) => [verdict.file, verdict.ok])).toEqual([
      ['events.sqlite', true],
      ['read-models.sqlite', true],
      ['personal-data-keys.sqlite', true],
      ['events.sqlite (hash chains)', true],
      ["personal-data-keys.sqlite (the log's)", true],
      ['read-models.sqlite (against the log)', true],
    ]);

    const log = join(dir.path, 'events.sqlite');
    const fd = openSync(log, 'r+');
    writeSync(fd, randomBytes(4096), 0, 4096, Math.floor(statSync(log).size / 2));
    closeSync(fd);

    const damaged = await startTestApp(dir.path);
    try {
      const health = await damaged.http().get('/api/v1/health').expect(503);
      expect(health.body).toMatchObject({ status: 'error', checks: { eventStore: { status: 'damaged', problems: expect.any(Array) }, readModels: { status: 'up' } } });
      // Out of the proxy's rotation, but alive: an orchestrator must not restart it in a loop.
      expect((await damaged.http().get('/api/v1/health/ready').expect(503)).body.reasons).toEqual(['damaged store(s): eventStore']);
      await damaged.http().get('/api/v1/health/live').expect(200);

      const token = await tokenFor(damaged, 'dmg.officer', 'dmg-officer-password');
      const refused = await damaged.http().post('/api/v1/reflections').set(bearer(token)).set('Accept-Language', 'zh-TW').send(aReflection).expect(503);
      expect(refused.body).toMatchObject({ error: 'STORE_DAMAGED', details: [{ store: 'eventStore' }] });
      expect(refused.body.message).toContain('損壞');
      await damaged.http().post('/api/v1/sites').set(bearer(token)).send({ type: 'village_office', name: '里辦公處', county: '基隆市', township: '仁愛區', village: '龍門里' }).expect(503);

      const listed = await damaged.http().get('/api/v1/reflections?limit=100').set(bearer(token)).expect(200);
      expect(listed.body.items).toHaveLength(60);
    } finally {
      await damaged.close();
    }

    const verdicts = await verifyStores(dir.path);
    expect(verdicts.find((verdict) => verdict.file === 'events.sqlite')).toMatchObject({ ok: false, summary: expect.stringMatching(/^DAMAGED: /) });
    expect(await runVerify([dir.path])).toBe(1);
  }, 180_000);
});
