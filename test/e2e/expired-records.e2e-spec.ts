import { ExpiredRecordsSweep } from '../../apps/api/src/http/expired-records-sweep';
import { ADMIN, aReflection, bearer, passwordOf, startTestApp, tokenFor, type TestApp } from '../support/test-app';

/** Records that matter for a while only (Idempotency-Key answers, signed-out tokens) are removed once they no longer do. */
describe('the sweep of expired records', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Tokens that live 5 s: a signed-out one is past its expiry soon, by real time, as tokens are checked.
    t = await startTestApp(undefined, { TOKEN_TTL_SECONDS: '5' });
  });
  afterAll(() => t.close());

  it('forgets an Idempotency-Key after a day and a signed-out token once it would have expired, and nothing sooner', async () => {
    // Each token is used at once after signing in: they live 5 s.
    const admin = () => tokenFor(t, ADMIN.username, ADMIN.password);
    const unit = (await t.http().post('/api/v1/units').set(bearer(await admin())).send({ code: 'SWP', name: 'SWP政風室', agencyName: 'SWP政府' }).expect(201)).body.id;
    for (const [username, role] of [['swp.officer', 'ethics_officer'], ['swp.volunteer', 'volunteer']]) {
      await t.http().post('/api/v1/users').set(bearer(await admin())).send({ username, password: passwordOf(username), displayName: username, unitId: unit, roles: [role] }).expect(201);
    }
    const officer = () => tokenFor(t, 'swp.officer', passwordOf('swp.officer'));
    const key = { 'Idempotency-Key': 'sweep-1' };
    await t.http().post('/api/v1/reflections').set(bearer(await officer())).set(key).send(aReflection).expect(201);
    const signedOut = await tokenFor(t, 'swp.volunteer', passwordOf('swp.volunteer'));
    await t.http().post('/api/v1/auth/logout').set(bearer(signedOut)).expect(204);
    const sweep = t.app.get(ExpiredRecordsSweep);

    expect(await sweep.sweep()).toBe(0);
    // Within the day the key still answers for its first request: another body under it is refused.
    await t.http().post('/api/v1/reflections').set(bearer(await officer())).set(key).send({ ...aReflection, summary: '另一件' }).expect(422);

    // Once the signed-out token is past its expiry, and a day and an hour later for the key: both are gone.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    t.clock.set(new Date(t.clock.now().getTime() + 25 * 3600 * 1000));
    expect(await sweep.sweep()).toBe(2);
    await t.http().post('/api/v1/reflections').set(bearer(await officer())).set(key).send({ ...aReflection, summary: '另一件' }).expect(201);
  });
});
