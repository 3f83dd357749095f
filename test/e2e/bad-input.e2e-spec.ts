import { connect, type AddressInfo } from 'node:net';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Input an attacker or a broken client sends: every answer is the documented shape, none a 5xx, nothing stored. */
describe('bad input over HTTP', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp();
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'BAD');
    id = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const raw = (method: 'post' | 'get' | 'put' | 'delete' | 'patch', path: string, body?: string, type = 'application/json') => {
    const request = t.http()[method](path).set(bearer(unit.tokens.officer));
    return body === undefined ? request : request.set('Content-Type', type).send(body);
  };

  it('refuses a body over 1 MB with 413, JSON deeper than 32 with 400, and invalid JSON with 400', async () => {
    const big = await raw('post', '/api/v1/reflections', JSON.stringify({ ...aReflection, summary: 'x'.repeat(1_100_000) }));
    expect([big.status, big.body.error]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const tenMegabytes = await raw('post', '/api/v1/reflections', JSON.stringify({ blob: 'y'.repeat(10_000_000) }));
    expect([tenMegabytes.status, tenMegabytes.body.error]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    for (const levels of [33, 10_000]) {
      const nested = await raw('post', '/api/v1/reflections', deep(levels));
      expect([levels, nested.status, nested.body.error]).toEqual([levels, 400, 'INPUT_TOO_DEEP']);
    }
    const broken = await raw('post', '/api/v1/reflections', '{"summary": ');
    expect(broken.body).toEqual({ error: 'INVALID_JSON', message: expect.any(String) });
  });

  it('refuses prototype keys anywhere, and text with control, bidi or unpaired surrogate characters, naming the field', async () => {
    for (const body of ['{"__proto__":{"admin":true}}', '{"reporter":{"constructor":{"prototype":{"x":1}}}}', '{"a":[{"prototype":1}]}']) {
      const refused = await raw('post', '/api/v1/reflections', body);
      expect([refused.status, refused.body.error]).toEqual([400, 'FORBIDDEN_KEY']);
    }
    const cases: [string, string][] = [
      ['summary', '路燈\u0000不亮'],
      ['summary', 'abc\u202Etxt.exe'],
      ['summary', '\u2066隔離\u2069'],
      ['summary', 'half \uD800 pair'],
    ];
    for (const [field, text] of cases) {
      const refused = await raw('post', '/api/v1/reflections', JSON.stringify({ ...aReflection, [field]: text }));
      expect([refused.status, refused.body.error, refused.body.details]).toEqual([400, 'INVALID_CHARACTERS', [{ field, reason: expect.any(String) }]]);
    }
    const nested = await raw('post', '/api/v1/reflections', JSON.stringify({ ...aReflection, reporter: { name: '王\u0007小明' } }));
    expect(nested.body.details).toEqual([{ field: 'reporter.name', reason: expect.any(String) }]);
    const tabsAndNewlines = await raw('post', '/api/v1/reflections', JSON.stringify({ ...aReflection, summary: '第一行\n\t第二行' }));
    expect(tabsAndNewlines.status).toBe(201);
    const list = await t.http().get('/api/v1/reflections?q=%E2%80%AE').set(bearer(unit.tokens.officer));
    expect([list.status, list.body.error]).toEqual([400, 'INVALID_CHARACTERS']);
  });

  it('validates query dates like body dates, ids in the path, and answers unknown routes and methods in its shape', async () => {
    const date = await t.http().get('/api/v1/reflections?receivedFrom=2026-02-30').set(bearer(unit.tokens.officer)).expect(400);
    expect(date.body.details).toEqual([{ field: 'receivedFrom', reason: expect.any(String) }]);
    const badId = await t.http().get('/api/v1/reflections/not-a-uuid').set(bearer(unit.tokens.officer)).expect(400);
    expect(badId.body).toEqual({ error: 'INVALID_ID', message: expect.any(String), details: [{ field: 'id', reason: expect.any(String) }] });
    const unknown = await t.http().get('/api/v1/nothing-here').set(bearer(unit.tokens.officer)).expect(404);
    expect(unknown.body).toEqual({ error: 'NOT_FOUND', message: expect.any(String) });
    const method = await t.http().patch(`/api/v1/reflections/${id}`).set(bearer(unit.tokens.officer)).send({}).expect(404);
    expect(method.body).toEqual({ error: 'NOT_FOUND', message: expect.any(String) });
  });

  it('answers headers over the limit with 431 in its shape', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ error: 'REQUEST_HEADER_FIELDS_TOO_LARGE', message: expect.any(String) });
  });

  it('answers at least 100 bad requests with 4xx in the documented shape, and no 5xx', async () => {
    const paths = ['/api/v1/reflections', `/api/v1/reflections/${id}/route`, `/api/v1/reflections/${id}/close`, '/api/v1/sites', '/api/v1/outreach', '/api/v1/plans', `/api/v1/reflections/${id}/extension-requests`];
    const bodies = [
      JSON.stringify({ summary: 5, nature: [], category: {} }),
      JSON.stringify({ receivedOn: '2026-13-45', dueOn: '2026-02-30', sentOn: 'yesterday' }),
      JSON.stringify({ departments: 'not-a-list', reason: null, newDueOn: 20270101 }),
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      deep(40),
      '[1,2,3]',
      '"just a string"',
      'null',
      '{"summary":"\u0000"}',
      JSON.stringify({ summary: '\u202E' }),
      '{bad json',
      JSON.stringify({ extra: 'x'.repeat(2_000_000) }),
      JSON.stringify({ sites: [{ siteId: 'not-a-uuid', visitEveryDays: 'often' }] }),
    ];
    const before = (await t.http().get('/api/v1/reflections').set(bearer(unit.tokens.officer)).expect(200)).body.items.length;
    const answers: { status: number; body: { error?: unknown; message?: unknown } }[] = [];
    for (const path of paths) for (const body of bodies) answers.push(await raw('post', path, body));
    for (const path of ['/api/v1/reflections/%E0%A4%A', '/api/v1/reflections/../../etc/passwd', '/api/v1/plans/00000000-0000-0000-0000-000000000000', '/api/v1/reflections?limit=-1', '/api/v1/reflections?status[$ne]=x', '/api/v1/reflections?receivedTo=2026-04-31', '/api/v1/calendar/not-a-year', '/api/v1/outreach/schedule?unitId=x']) {
      answers.push(await raw('get', path));
    }
    expect(answers.length).toBeGreaterThanOrEqual(100);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.filter((a) => a.status < 400)).toEqual([]);
    expect(answers.filter((a) => typeof a.body.error !== 'string' || typeof a.body.message !== 'string' || !/^[A-Z_]+$/.test(a.body.error as string))).toEqual([]);
    expect((await t.http().get('/api/v1/reflections').set(bearer(unit.tokens.officer)).expect(200)).body.items).toHaveLength(before);
  }, 60_000);
});
