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

  it('costs an unknown username a password hash, as a known one (no enumeration by timing)', async () => {
    const median = async (username: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = process.hrtime.bigint();
        await signIn(username, `probe-${i}`).expect(401);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return times.sort((a, b) => a - b)[1];
    };
    const known = await median(ADMIN.username);
    const unknown = await median('no-such-user-anywhere');
    // Both hash (scrypt, N=2^17); without the hash an unknown name answered in a few milliseconds.
    expect(unknown).toBeGreaterThan(known * 0.3);
  });
});
