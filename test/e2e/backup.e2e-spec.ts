import Database from '@integrity/sqlite';
import { join } from 'node:path';
import { backupDataDir } from '../../apps/cli/src/backup-data-dir';
import { until } from '../support/polling';
import { tempDir } from '../support/temp-dir';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp } from '../support/test-app';

/** issue 11: a backup taken while cases are being recorded restores to the same data, reporters readable. */
describe('an online backup', () => {
  const live = tempDir('backup-live');
  const copy = tempDir('backup-copy');
  afterAll(() => {
    live.remove();
    copy.remove();
  });

  it('taken under write load is consistent, verified, and restores by starting on it', async () => {
    const t: TestApp = await startTestApp(live.path);
    let recorded = 0;
    let restored: TestApp | undefined;
    try {
      const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
      const unit = await unitWithUsers(t, admin, 'BKP');
      let writing = true;
      const load = (async () => {
        while (writing) {
          await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, summary: `備份時受理的第${recorded + 1}件` }).expect(201);
          recorded++;
        }
      })();
      await until(() => recorded >= 10, 'ten cases before the backup');
      const report = await backupDataDir(live.path, join(copy.path, 'snapshot'));
      const atBackup = recorded;
      await until(() => recorded >= atBackup + 5, 'cases recorded after the backup');
      writing = false;
      await load;

      expect(report.verdicts.map((verdict) => [verdict.file, verdict.ok])).toEqual([
        ['events.sqlite', true],
        ['read-models.sqlite', true],
        ['personal-data-keys.sqlite', true],
        ['events.sqlite (hash chains)', true],
        ["personal-data-keys.sqlite (the log's)", true],
        ['read-models.sqlite (against the log)', true],
      ]);
      expect(report.files.map((file) => file.file)).toEqual(['read-models.sqlite', 'events.sqlite', 'personal-data-keys.sqlite', 'jwt-secret', 'receipt-secret']);
      const log = new Database(join(copy.path, 'snapshot', 'events.sqlite'), { readonly: true });
      const inCopy = log.prepare<[], { cases: number }>("SELECT COUNT(DISTINCT stream_id) AS cases FROM events WHERE stream_id LIKE 'reflection-%'").get()?.cases ?? 0;
      log.close();
      expect(inCopy).toBeGreaterThanOrEqual(10);
      expect(inCopy).toBeLessThan(recorded);
      await t.close();

      restored = await startTestApp(join(copy.path, 'snapshot'));
      const officer = await tokenFor(restored, 'bkp.officer', 'bkp-officer-password');
      const server = restored;
      await until(async () => (await server.http().get('/api/v1/health')).body.projection?.caughtUp === true, 'the restored read models to catch up');
      const listed = await restored.http().get('/api/v1/reflections?limit=100').set(bearer(officer)).expect(200);
      expect(listed.body.items).toHaveLength(inCopy);
      // New cases after the restore are projected too: the read models never stand ahead of the restored log.
      const after = await restored.http().post('/api/v1/reflections').set(bearer(officer)).send({ ...aReflection, summary: '還原後受理' }).expect(201);
      await restored.http().get(`/api/v1/health?minPosition=${after.body.position}`).expect(200);
      expect((await restored.http().get('/api/v1/reflections?limit=100').set(bearer(officer)).expect(200)).body.items).toHaveLength(inCopy + 1);
      for (const item of listed.body.items as { id: string }[]) {
        // Every case's reporter still reads: its key was copied.
        const detail = await restored.http().get(`/api/v1/reflections/${item.id}`).set(bearer(officer)).expect(200);
        expect(detail.body.reporter).toMatchObject({ name: aReflection.reporter.name });
      }
    } finally {
      await restored?.close();
      await t.close().catch(() => undefined);
    }
  }, 300_000);
});
