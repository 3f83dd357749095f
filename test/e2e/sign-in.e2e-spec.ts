import { ADMIN, startTestApp, tokenFor, unitWithUsers, type TestApp } from '../support/test-app';

/** Sign-in that holds under attack: throttled per account and per address, the same answer for unknown accounts. */
describe('sign-in throttling', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'THR');
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string) => t.http().post('/api/v1/auth/token').send({ username, password });

  it('locks an account after 10 failures in 15 minutes: 429 TOO_MANY_ATTEMPTS with Retry-After, even with the right password', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn('thr.officer', `wrong-${i}`)).status).toBe(401);
    const locked = await signIn('thr.officer', 'thr-officer-password').expect(429);
    expect(locked.body).toMatchObject({ error: 'TOO_MANY_ATTEMPTS', message: expect.any(String) });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(900);
    const otherAccount = await signIn('thr.supervisor', 'thr-supervisor-password').expect(200);
    expect(otherAccount.body.accessToken).toEqual(expect.any(String));
  });

  it('answers an unknown account exactly as a known one, lockout included', async () => {
    const unknown = await signIn('nobody.here', 'whatever-password').expect(401);
    const known = await signIn('thr.supervisor', 'wrong-password').expect(401);
    expect(unknown.body).toEqual(known.body);
    for (let i = 0; i < 9; i++) await signIn('nobody.here', `wrong-${i}`).expect(401);
    expect((await signIn('nobody.here', 'x').expect(429)).body.error).toBe('TOO_MANY_ATTEMPTS');
  });

  it('counts the same account however its name is typed (NFKC, case)', async () => {
    for (let i = 0; i < 10; i++) await signIn(i % 2 ? 'ＴＨＲ.ＶＯＬＵＮＴＥＥＲ' : 'THR.volunteer', `wrong-${i}`).expect(401);
    await signIn('thr.volunteer', 'thr-volunteer-password').expect(429);
  });

  it('clears an account’s failures when it signs in', async () => {
    for (let i = 0; i < 9; i++) await signIn('thr.head', `wrong-${i}`).expect(401);
    await signIn('thr.head', 'thr-head-password').expect(200);
    for (let i = 0; i < 9; i++) await signIn('thr.head', `again-${i}`).expect(401);
    await signIn('thr.head', 'thr-head-password').expect(200);
  });

  it('costs an unknown username a password verification, as a known one (no enumeration by timing)', async () => {
    // Counted, not timed: the time a hash takes depends on the machine, the count of hashes does not.
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    const verifications = async () => {
      const metrics = await t.http().get('/api/v1/metrics').set('Authorization', `Bearer ${admin}`).expect(200);
      return Number(/^integrity_password_verifications_total (\d+)$/m.exec(metrics.text)?.[1]);
    };
    const before = await verifications();
    await signIn('thr.officer-unknown-nobody', 'probe').expect(401);
    const afterUnknown = await verifications();
    await signIn(ADMIN.username, 'probe').expect(401);
    expect(afterUnknown - before).toBe(1);
    expect((await verifications()) - afterUnknown).toBe(1);
  });
});
