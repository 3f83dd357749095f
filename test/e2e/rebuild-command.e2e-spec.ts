import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedReadModelStore, type ReadModelDocument } from '@integrity/read-models';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers } from '../support/test-app';
import { tempDir } from '../support/temp-dir';

const run = promisify(execFile);
const root = join(__dirname, '../..');
const rebuild = (dataDir: string) =>
  run(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, 'apps/cli/src/rebuild-projections.ts')], {
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

    await expect(rebuild(dir.path)).rejects.toMatchObject({ stderr: expect.stringMatching(/資料目錄正由程序 \d+ 使用中.*（DATA_DIR_IN_USE）/) });
    await t.close();
    // A user the log does not hold (as after the log was restored to before its creation): rebuilt away.
    const readModels = new EmbeddedReadModelStore(join(dir.path, 'read-models.sqlite'));
    await readModels.collection('users').insertOne({ _id: 'ghost', username: 'ghost', roles: ['admin'], active: true, _position: '9'.repeat(40) } as ReadModelDocument);
    await readModels.close();

    const { stderr } = await rebuild(dir.path);
    expect(stderr).toMatch(/100\.0%/);
    expect(stderr).toMatch(/Rebuilt \d+ events into generation 2/);
    expect(stderr).toMatch(/Folded \d+ identity events/);
    const rebuilt = new EmbeddedReadModelStore(join(dir.path, 'read-models.sqlite'));
    expect(await rebuilt.collection('users').findOne({ _id: 'ghost' })).toBeNull();
    expect(await rebuilt.collection('users').findOne({ username: 'pen.officer' })).not.toBeNull();
    await rebuilt.close();

    t = await startTestApp(dir.path);
    const officer = await tokenFor(t, 'pen.officer', 'pen-officer-password');
    const list = await t.http().get('/api/v1/reflections').set(bearer(officer)).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    expect((await t.http().get('/api/v1/health').expect(200)).body.projection).toMatchObject({ generation: 2, caughtUp: true });
    await t.close();
  });
});
