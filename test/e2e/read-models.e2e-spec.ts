import { aacAuditor, handledByOwnAgency, ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

describe('read models over HTTP: lists, follow-ups, dashboard, public results', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let other: UnitUsers;
  let auditor: string;
  let siteId: string;
  let last = '0';

  const post = async (path: string, body: object, token = unit.tokens.officer) => {
    const response = await t.http().post(path).set(bearer(token)).send(body);
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    last = response.body.position;
    return response.body as { id: string; position: string };
  };
  const get = (path: string, token = unit.tokens.officer) => t.http().get(path).set(bearer(token)).set('X-Min-Position', last);

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'TXG');
    other = await unitWithUsers(t, admin, 'ILA');
    auditor = await aacAuditor(t, admin, 'aac.models');
    siteId = (await post('/api/v1/sites', { type: 'village_office', name: '北區賴村里辦公處', county: '臺中市', township: '北區', village: '賴村里' })).id;

    // An old reflection whose citizen reply is overdue, routed to a department also overdue.
    const old = await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-10-01', summary: '路燈故障多時', category: 'public_facilities', siteId });
    t.clock.set('2026-10-02T02:00:00Z');
    await post(`/api/v1/reflections/${old.id}/route`, { departments: ['建設課'] });
    t.clock.set('2026-11-27T02:00:00Z');
    // A recent one about river dredging, replied and closed and published.
    const river = await post('/api/v1/reflections', { ...aReflection, summary: '河川疏濬延宕，雨季恐淹水', siteId });
    await handledByOwnAgency(t, river.id, unit.tokens);
    await post(`/api/v1/reflections/${river.id}/citizen-replies`, { channel: 'phone', content: '已回復' });
    await post(`/api/v1/reflections/${river.id}/close`, { outcome: '已疏濬' });
    await post(`/api/v1/reflections/${river.id}/publish`, { venue: 'village_assembly', publicSummary: '賴村里河段疏濬完成' });
    // Policy feedback, and one in the other unit.
    await post('/api/v1/reflections', { ...aReflection, nature: 'policy_feedback', category: 'policy_dispute', summary: '對垃圾費隨袋徵收有疑義', receivedOn: '2026-11-25', theme: undefined });
    await post('/api/v1/reflections', { ...aReflection, summary: '宜蘭河川疏濬' }, other.tokens.officer);
  });
  afterAll(() => t.close());

  it('lists a unit’s reflections with filters, Chinese text search and cursor paging', async () => {
    const all = await get('/api/v1/reflections').expect(200);
    expect(all.body.items.map((i: { summary: string }) => i.summary)).toEqual(['河川疏濬延宕，雨季恐淹水', '對垃圾費隨袋徵收有疑義', '路燈故障多時']);
    expect(all.body.nextCursor).toBeNull();
    expect((await get('/api/v1/reflections?q=河川').expect(200)).body.items.map((i: { summary: string }) => i.summary)).toEqual(['河川疏濬延宕，雨季恐淹水']);
    expect((await get('/api/v1/reflections?q=疏濬延').expect(200)).body.items).toHaveLength(1);
    expect((await get('/api/v1/reflections?nature=policy_feedback').expect(200)).body.items).toHaveLength(1);
    expect((await get('/api/v1/reflections?status=closed').expect(200)).body.items).toHaveLength(1);
    expect((await get(`/api/v1/reflections?siteId=${siteId}&village=賴村里&county=臺中市`).expect(200)).body.items).toHaveLength(2);
    expect((await get('/api/v1/reflections?receivedFrom=2026-10-01&receivedTo=2026-10-31').expect(200)).body.items.map((i: { summary: string }) => i.summary)).toEqual(['路燈故障多時']);
    const overdue = await get('/api/v1/reflections?overdue=true').expect(200);
    expect(overdue.body.items).toEqual([expect.objectContaining({ summary: '路燈故障多時', overdue: true, nextDueOn: '2026-10-14' })]);
    expect((await get('/api/v1/reflections?theme=river_dredging&sort=receivedOn').expect(200)).body.items[0].summary).toBe('路燈故障多時');

    const first = await get('/api/v1/reflections?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const second = await get(`/api/v1/reflections?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ summary: '路燈故障多時' })], nextCursor: null });
  });

  it('keeps each unit to its own list; the AAC sees all and may pick a unit', async () => {
    expect((await get('/api/v1/reflections', other.tokens.officer).expect(200)).body.items.map((i: { summary: string }) => i.summary)).toEqual(['宜蘭河川疏濬']);
    expect((await get('/api/v1/reflections?q=河川', auditor).expect(200)).body.items).toHaveLength(2);
    expect((await get(`/api/v1/reflections?unitId=${other.unitId}`, auditor).expect(200)).body.items).toHaveLength(1);
    expect((await get(`/api/v1/reflections?unitId=${other.unitId}`).expect(403)).body.error).toBe('FORBIDDEN');
  });

  it('refuses unknown filters and operator-shaped values instead of passing them to the store', async () => {
    const unknown = await get('/api/v1/reflections?priority=high').expect(400);
    expect(unknown.body).toMatchObject({ error: 'VALIDATION_FAILED', details: [{ field: 'priority' }] });
    expect((await get('/api/v1/reflections?status[$ne]=closed').expect(400)).body.error).toBe('VALIDATION_FAILED');
    expect((await get('/api/v1/reflections?status=%7B%22%24ne%22%3A%22closed%22%7D').expect(400)).body.details[0].field).toBe('status');
    expect((await get('/api/v1/reflections?q[$regex]=.*').expect(400)).body.error).toBe('VALIDATION_FAILED');
    expect((await get('/api/v1/reflections?receivedFrom=yesterday').expect(400)).body.details[0].field).toBe('receivedFrom');
    expect((await get('/api/v1/reflections?cursor=bm90LWEtY3Vyc29y').expect(400)).body.error).toBe('INVALID_CURSOR');
    expect((await get('/api/v1/reflections?limit=1000').expect(400)).body.details[0].field).toBe('limit');
    expect((await get('/api/v1/follow-ups?state=late').expect(400)).body.details[0].field).toBe('state');
    expect((await get('/api/v1/reflections?q=.*').expect(200)).body.items).toEqual([]);
  });

  it('lists open obligations oldest first, and which are overdue', async () => {
    const open = await get('/api/v1/follow-ups').expect(200);
    expect(open.body.items.map((i: { kind: string; dueOn: string }) => [i.kind, i.dueOn])).toEqual([
      ['department_answer', '2026-10-14'], // 7 working days from Friday 10/2, past the National Day holiday
      ['citizen_reply', '2026-11-02'],
      ['citizen_reply', '2026-12-28'],
    ]);
    const overdue = await get('/api/v1/follow-ups?state=overdue').expect(200);
    expect(overdue.body.items).toHaveLength(2);
    expect(overdue.body.items[0]).toMatchObject({ kind: 'department_answer', party: '建設課', overdue: true, daysOverdue: 44 });
    expect((await get('/api/v1/follow-ups?state=due').expect(200)).body.items).toEqual([]);
    t.clock.set('2026-12-24T02:00:00Z');
    expect((await get('/api/v1/follow-ups?state=due').expect(200)).body.items.map((i: { dueOn: string }) => i.dueOn)).toEqual(['2026-12-28']);
    t.clock.set('2026-11-27T02:00:00Z');
  });

  it('counts the dashboard per unit, and side by side for the AAC', async () => {
    const own = await get('/api/v1/dashboard').expect(200);
    expect(own.body).toMatchObject({
      unitId: unit.unitId,
      total: 3,
      byStatus: { received: 1, in_progress: 1, closed: 1 },
      byNature: { public_need: 2, policy_feedback: 1 },
      byCategory: { public_facilities: 2, policy_dispute: 1 },
      byTheme: { river_dredging: 2, none: 1 },
      byMonth: { '2026-10': 1, '2026-11': 2 },
      open: 2,
      overdue: 1,
      medianDaysToCitizenReply: 1,
    });
    expect(own.body.bySite).toEqual(expect.arrayContaining([{ siteId, siteName: '北區賴村里辦公處', count: 2 }]));
    const aac = await get('/api/v1/dashboard', auditor).expect(200);
    expect(aac.body.units.map((u: { unitName: string; total: number }) => [u.unitName, u.total])).toEqual(
      expect.arrayContaining([
        ['TXG政風室', 3],
        ['ILA政風室', 1],
      ]),
    );
  });

  it('shows published results to anyone, by town too, without reporters and without unpublished cases', async () => {
    const results = await t.http().get('/api/v1/public/results').set('X-Min-Position', last).expect(200);
    expect(results.body).toEqual({
      items: [
        {
          id: expect.any(String),
          unit: 'TXG政風室',
          county: '臺中市',
          township: '北區',
          village: '賴村里',
          category: 'public_facilities',
          publishedOn: '2026-11-27',
          venue: 'village_assembly',
          publicSummary: '賴村里河段疏濬完成',
        },
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(results.body)).not.toContain('王小明');
    expect((await t.http().get('/api/v1/public/results?village=別里').expect(200)).body.items).toEqual([]);
    expect((await t.http().get('/api/v1/public/results?township=北區').expect(200)).body.items).toHaveLength(1);
    expect((await t.http().get('/api/v1/public/results?township=南區').expect(200)).body.items).toEqual([]);
    const towns = await t.http().get('/api/v1/public/results/towns').set('X-Min-Position', last).expect(200);
    expect(towns.body).toEqual({ items: [{ county: '臺中市', town: '北區', count: 1 }] });
    expect(towns.headers['cache-control']).toBe('public, max-age=300');
  });

  it('answers 503 when the read models have not reached the position asked for', async () => {
    const response = await get('/api/v1/reflections').set('X-Min-Position', '999999999').expect(503);
    expect(response.body.error).toBe('READ_MODEL_BEHIND');
    expect((await get('/api/v1/reflections').set('X-Min-Position', 'soon').expect(400)).body.error).toBe('INVALID_MIN_POSITION');
  });

  it('reports projection lag on /health and /metrics', async () => {
    const health = await t.http().get(`/api/v1/health?minPosition=${last}`).expect(200);
    expect(health.body.projection).toMatchObject({ lagSeconds: expect.any(Number), skippedUnknownEvents: 0 });
    expect(BigInt(health.body.projection.position)).toBeGreaterThanOrEqual(BigInt(last));
    // Behind a token: an administrator's (a scraper's METRICS_TOKEN is checked in the security spec).
    await t.http().get('/api/v1/metrics').expect(401);
    const metrics = await t.http().get('/api/v1/metrics').set(bearer(await tokenFor(t, ADMIN.username, ADMIN.password))).expect(200);
    expect(metrics.text).toMatch(/^integrity_projection_lag_seconds \d+(\.\d+)?$/m);
    expect(metrics.text).toMatch(/^integrity_projection_caught_up [01]$/m);
    expect(metrics.text).toMatch(/^integrity_projection_skipped_unknown_events_total 0$/m);
  });
});
