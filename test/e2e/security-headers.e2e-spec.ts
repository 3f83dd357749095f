import { startTestApp, type TestApp } from '../support/test-app';

/** What every browser is told: a strict CSP for the application, no sniffing, no referrer, no framing, no caching of the API. */
describe('security headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives the web application a strict Content-Security-Policy and the usual protections', async () => {
    const page = await t.http().get('/cases').expect(200);
    const csp = page.headers['content-security-policy'];
    for (const directive of ["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "default-src 'self'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-cache' });
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.headers['x-powered-by']).toBeUndefined();
  });

  it('never lets a cache keep an API answer', async () => {
    const health = await t.http().get('/api/v1/health').expect(200);
    expect(health.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    const refused = await t.http().get('/api/v1/reflections').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS when TLS is in front (TRUST_PROXY)', async () => {
    const behindProxy = await startTestApp(undefined, { TRUST_PROXY: 'true' });
    try {
      const answer = await behindProxy.http().get('/api/v1/health').expect(200);
      expect(answer.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await behindProxy.close();
    }
  });
});
