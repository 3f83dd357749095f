import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

const run = promisify(execFile);
const root = join(__dirname, '../..');
const rebuild = (dataDir: string) =>
  run(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, 'apps/worker/src/rebuild-projections.ts')], {
    env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '', EVENTSTORE_CONNECTION_STRING: '' },
  });

describe('npm run projections:rebuild', () => {
  const dir = tempDir('rebuild-cli');
  afterAll(() => dir.remove());

  it('refuses while the app serves the embedded read models, then rebuilds them for the next start', async () => {
    let t = await startTestApp(dir.path);
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(t, admin, 'PEN');
    const created = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201);
    await t.http().get(`/api/v1/health?minPosition=${created.body.position}`).expect(200);

    await expect(rebuild(dir.path)).rejects.toMatchObject({ stderr: expect.stringContaining('already serves the embedded read models') });
    await t.close();

    const { stderr } = await rebuild(dir.path);
    expect(stderr).toMatch(/100\.0%/);
    expect(stderr).toMatch(/Rebuilt \d+ events into generation 2/);

    t = await startTestApp(dir.path);
    const officer = await tokenFor(t, 'pen.officer', 'pen-officer-password');
    const list = await t.http().get('/api/v1/reflections').set(bearer(officer)).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    expect((await t.http().get('/api/v1/health').expect(200)).body.projection).toMatchObject({ generation: 2, caughtUp: true });
    await t.close();
  });
});
