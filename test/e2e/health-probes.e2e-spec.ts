import { startTestApp, type TestApp } from '../support/test-app';

/** The probes an orchestrator and a proxy use: live (restart me if not) and ready (send me requests). */
describe('liveness and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers live, and ready once its read models hold the log, without signing in and without caching', async () => {
    expect((await t.http().get('/api/v1/health/live').expect(200)).body).toEqual({ status: 'live' });
    const ready = await t.http().get('/api/v1/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', reasons: [], projection: { caughtUp: true, lagSeconds: 0 } });
    expect(ready.headers['cache-control']).toBe('no-store');
  });
});
