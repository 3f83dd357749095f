import { aacAuditor, ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** The same matter raised with three units: a hotspot the AAC sees, studies and marks 已研析; each unit sees its own. */
describe('hotspots', () => {
  let t: TestApp;
  let units: UnitUsers[];
  let aac: string;
  let villages: string[];
  let position = '0';

  const record = async (unit: UnitUsers, villageCode: string, summary: string, theme = 'river_dredging') => {
    const body = { ...aReflection, category: 'public_facilities', theme, villageCode, summary };
    const answer = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(body).expect(201)).body;
    position = answer.position;
    return answer.id as string;
  };
  const hotspots = async (token: string, query = '') => (await t.http().get(`/api/v1/hotspots${query}`).set(bearer(token)).set('X-Min-Position', position).expect(200)).body.items;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    units = [await unitWithUsers(t, admin, 'HS1'), await unitWithUsers(t, admin, 'HS2'), await unitWithUsers(t, admin, 'HS3')];
    aac = await aacAuditor(t, admin, 'aac.hotspots');
    const found = (await t.http().get('/api/v1/places/villages').query({ q: '臺中市 大里區', limit: 10 }).set(bearer(aac)).expect(200)).body.items as { villageCode: string }[];
    villages = found.map((v) => v.villageCode);
  });
  afterAll(() => t.close());

  it('groups one matter raised with units in villages of one town, the third unit’s as soon as it is projected, and leaves an unrelated reflection out', async () => {
    const first = await record(units[0], villages[0], '大里溪河道疏濬工程延宕，雨季恐淹水');
    await record(units[1], villages[3], '有關大里溪：淤積嚴重遲未疏濬，居民擔心颱風季節溢堤淹水，請協助');
    await record(units[0], villages[1], '草湖溪堤岸步道護欄斷裂，散步民眾有墜落危險');
    // Raised with two units, it is a hotspot for the AAC already; the third unit's joins it in the projection that applies it.
    expect((await hotspots(aac)).map((h: { id: string; units: unknown[] }) => [h.id, h.units.length])).toEqual([[first, 2]]);
    const third = await record(units[2], villages[5], '居民反映大里溪疏濬工程進度落後，汛期將至恐造成水患，請儘速處理');
    const [hotspot, ...none] = await hotspots(aac);
    expect(none).toEqual([]);
    expect(hotspot).toMatchObject({ id: first, town: '臺中市大里區', reviewed: false, review: null, otherUnits: 0 });
    expect(hotspot.reflectionIds).toHaveLength(3);
    expect(hotspot.reflectionIds).toContain(third);
    expect(hotspot.units.map((u: { unitName: string }) => u.unitName).sort()).toEqual(['HS1政風室', 'HS2政風室', 'HS3政風室']);
    expect(hotspot.terms).toEqual(expect.arrayContaining(['疏濬', '淹水']));
    expect(hotspot.reflections.every((r: { caseNo: string; receivedOn: string }) => /^\d{3}-\d{4}$/.test(r.caseNo) && r.receivedOn === aReflection.receivedOn)).toBe(true);
    expect(JSON.stringify(hotspot)).not.toMatch(/王小明|0912|summary|reporter/);
  });

  it('shows a unit the hotspots among its own cases, twice or more, and only its own reflections', async () => {
    expect(await hotspots(units[1].tokens.officer)).toEqual([]);
    await record(units[1], villages[2], '大里溪疏濬進度落後，颱風來時擔心淹水');
    const [own] = await hotspots(units[1].tokens.officer);
    expect(own.reflectionIds).toHaveLength(2);
    expect(own.units).toEqual([{ unitId: units[1].unitId, unitName: 'HS2政風室', reflections: 2 }]);
    expect(own.otherUnits).toBe(2);
    await t.http().get(`/api/v1/hotspots/${own.id}`).set(bearer(units[0].tokens.officer)).expect(404);
    expect((await t.http().get(`/api/v1/hotspots/${own.id}`).set(bearer(aac)).expect(200)).body.reflectionIds).toHaveLength(4);
    expect((await t.http().get('/api/v1/hotspots?months=99').set(bearer(aac)).expect(400)).body.details[0].field).toBe('months');
  });

  it('lets the AAC mark a hotspot 已研析 with a note, once for what it holds; a reflection joining later shows as new', async () => {
    const [hotspot] = await hotspots(aac);
    const review = (token: string, note: string) => t.http().post(`/api/v1/hotspots/${hotspot.id}/review`).set(bearer(token)).set('Accept-Language', 'zh-TW').send({ note });
    await review(units[0].tokens.supervisor, '已研析').expect(403);
    expect((await review(aac, '  ').expect(400)).body.details[0].field).toBe('note');
    position = (await review(aac, '已請河川局說明疏濬進度，列入專案稽核').expect(200)).body.position;
    expect((await hotspots(aac, '?reviewed=true'))[0]).toMatchObject({ id: hotspot.id, reviewed: true, review: { note: '已請河川局說明疏濬進度，列入專案稽核', newSince: 0 } });
    expect(await hotspots(aac, '?reviewed=false')).toEqual([]);
    const again = await review(aac, '再次研析').expect(409);
    expect(again.body.error).toBe('HOTSPOT_ALREADY_REVIEWED');
    expect(again.body.message).toContain('已研析');
    await record(units[2], villages[4], '大里溪河段淤積嚴重遲未疏濬，附近住戶擔心水患');
    expect((await hotspots(aac))[0].review.newSince).toBe(1);
    await review(aac, '新增案件併入研析').expect(200);
    await t.http().post('/api/v1/hotspots/00000000-0000-4000-8000-000000000000/review').set(bearer(aac)).send({ note: '無' }).expect(404);
  });
});
