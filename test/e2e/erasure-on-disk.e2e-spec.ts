import Database from '@integrity/sqlite';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '@integrity/identity';
import { EmbeddedReadModelStore } from '@integrity/read-models';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

/** Every file under a directory, WAL and journal files included. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The files that hold these bytes, as they are or as base64 (how a JSON store would write them). */
const holding = (dir: string, key: Buffer) => filesUnder(dir).filter((file) => {
  const bytes = readFileSync(file);
  return bytes.includes(key) || bytes.includes(Buffer.from(key.toString('base64')));
});

/** Crypto-shredding that holds on disk: once erased, no byte of the reporter's key is in any file of DATA_DIR. */
describe('erasure on the bytes on disk', () => {
  it('keeps keys in a file of their own, and leaves none of an erased key in any file, WAL included', async () => {
    const t = await startTestApp();
    try {
      const unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'DSK');
      const { id } = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body;
      const other = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body.id;
      const keyOf = (reflectionId: string) => {
        const events = new Database(join(t.dataDir, 'events.sqlite'), { readonly: true });
        const { data } = events.prepare<[string], { data: string }>("SELECT data FROM events WHERE stream_id = ? AND type = 'ReflectionReceived'").get(`reflection-${reflectionId}`)!;
        events.close();
        const keys = new Database(join(t.dataDir, 'personal-data-keys.sqlite'), { readonly: true });
        const { key } = keys.prepare<[string], { key: Buffer }>('SELECT key FROM personal_data_keys WHERE key_id = ?').get(JSON.parse(data).reporter.keyId)!;
        keys.close();
        return key;
      };
      const key = keyOf(id);
      const kept = keyOf(other);
      expect(key).toHaveLength(32);
      expect(holding(t.dataDir, key).map((f) => f.slice(t.dataDir.length))).toEqual([expect.stringMatching(/^\/personal-data-keys\.sqlite/)]);

      const erased = await t.http().post(`/api/v1/reflections/${id}/erase-reporter`).set(bearer(unit.tokens.supervisor)).send({ reason: '當事人請求刪除' }).expect(200);
      expect(holding(t.dataDir, key)).toEqual([]);
      expect(holding(t.dataDir, kept).length).toBeGreaterThan(0);
      const read = await t.http().get(`/api/v1/reflections/${other}?minPosition=${erased.body.position}`).set(bearer(unit.tokens.officer)).expect(200);
      expect(read.body.reporter).toEqual(aReflection.reporter);
    } finally {
      await t.close();
    }
  });

  it('moves the keys of an earlier release out of the read models, and leaves no key in that file', async () => {
    const dir = tempDir('keys-migration');
    const moved = Buffer.alloc(32, 7);
    const erasedEarlier = Buffer.alloc(32, 9);
    const earlier = new EmbeddedReadModelStore(join(dir.path, 'read-models.sqlite'));
    // Its users had no username keys yet: they get theirs, and stay unique whatever the case.
    const users = earlier.collection<Record<string, unknown> & { _id: string }>('users');
    const passwordHash = await hashPassword('legacy-admin-password');
    await users.insertOne({ _id: 'legacy-admin', username: 'Legacy.Admin', passwordHash, displayName: '管理員', email: null, unitId: null, roles: ['admin'], createdAt: '2026-11-01T00:00:00.000Z' });
    const keys = earlier.collection<{ _id: string; key: string; createdAt: string }>('personal_data_keys');
    await keys.insertOne({ _id: 'key-moved', key: moved.toString('base64'), createdAt: '2026-11-01T00:00:00.000Z' });
    await keys.insertOne({ _id: 'key-erased', key: erasedEarlier.toString('base64'), createdAt: '2026-11-01T00:00:00.000Z' });
    await keys.deleteOne({ _id: 'key-erased' });
    await earlier.close();
    expect(holding(dir.path, erasedEarlier).length).toBeGreaterThan(0);

    const t = await startTestApp(dir.path);
    try {
      expect(holding(dir.path, erasedEarlier)).toEqual([]);
      expect(holding(dir.path, moved).map((f) => f.slice(dir.path.length))).toEqual([expect.stringMatching(/^\/personal-data-keys\.sqlite/)]);
      const admin = (await t.http().post('/api/v1/auth/token').send({ username: 'Legacy.Admin', password: 'legacy-admin-password' }).expect(200)).body.accessToken;
      const clash = await t.http().post('/api/v1/users').set(bearer(admin)).send({ username: 'legacy.admin', password: 'another-long-password', displayName: 'x', roles: ['admin'] });
      expect([clash.status, clash.body.error]).toEqual([409, 'USERNAME_TAKEN']);
    } finally {
      await t.close();
      dir.remove();
    }
  });
});
