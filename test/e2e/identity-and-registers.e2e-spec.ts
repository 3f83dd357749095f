import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

describe('identity, registers and the HTTP surface', () => {
  let t: TestApp;
  let adminToken: string;
  let unit: UnitUsers;
  let other: UnitUsers;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, adminToken, 'TPE');
    other = await unitWithUsers(t, adminToken, 'TNN');
  });
  afterAll(() => t.close());

  it('is healthy and documented without a token, and closed to everything else', async () => {
    expect((await t.http().get('/api/v1/health').expect(200)).body).toMatchObject({ status: 'ok', eventStore: 'sqlite', readModels: 'embedded' });
    const docs = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/v1/reflections', '/api/v1/reflections/{id}/refer', '/api/v1/auth/token']));
    expect((await t.http().get('/api/v1/sites').expect(401)).body.error).toBe('UNAUTHENTICATED');
    expect((await t.http().get('/api/v1/sites').set(bearer('forged.token.value')).expect(401)).body.error).toBe('INVALID_TOKEN');
  });

  it('issues bearer tokens only for the right password', async () => {
    const ok = await t.http().post('/api/v1/auth/token').send(ADMIN).expect(200);
    expect(ok.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 28800 });
    expect((await t.http().post('/api/v1/auth/token').send({ ...ADMIN, password: 'wrong' }).expect(401)).body.error).toBe('INVALID_CREDENTIALS');
    await t.http().post('/api/v1/auth/token').send({ username: 'nobody', password: 'x' }).expect(401);
  });

  it('lets the admin make units and users, and a supervisor only users of its own unit', async () => {
    expect((await t.http().post('/api/v1/units').set(bearer(adminToken)).send({ code: 'TPE', name: '重複', agencyName: '重複' }).expect(409)).body.error).toBe('UNIT_CODE_TAKEN');
    await t.http().post('/api/v1/units').set(bearer(unit.tokens.supervisor)).send({ code: 'X1', name: 'x', agencyName: 'x' }).expect(403);
    const newUser = { username: 'tpe.officer2', password: 'officer2-password', displayName: '新同仁', unitId: unit.unitId, roles: ['ethics_officer'] };
    await t.http().post('/api/v1/users').set(bearer(unit.tokens.supervisor)).send(newUser).expect(201);
    expect((await t.http().post('/api/v1/users').set(bearer(unit.tokens.supervisor)).send(newUser).expect(409)).body.error).toBe('USERNAME_TAKEN');
    expect((await t.http().post('/api/v1/users').set(bearer(unit.tokens.supervisor)).send({ ...newUser, username: 'x.other', unitId: other.unitId }).expect(403)).body.error).toBe('OTHER_UNIT');
    expect((await t.http().post('/api/v1/users').set(bearer(unit.tokens.supervisor)).send({ ...newUser, username: 'x.admin', roles: ['admin'] }).expect(403)).body.error).toBe('ROLE_NOT_GRANTABLE');
    await t.http().post('/api/v1/users').set(bearer(unit.tokens.officer)).send({ ...newUser, username: 'x.self' }).expect(403);
    const weak = await t.http().post('/api/v1/users').set(bearer(adminToken)).send({ ...newUser, username: 'x.weak', password: 'short' }).expect(400);
    expect(weak.body.details[0].field).toBe('password');
    const eleven = await t.http().post('/api/v1/users').set(bearer(adminToken)).send({ ...newUser, username: 'x.eleven', password: '12345678901' }).expect(400);
    expect(eleven.body.details).toEqual([{ field: 'password', reason: 'password must be longer than or equal to 12 characters' }]);
    // Twelve characters are not enough when they are guessable: digits in a row, one letter again and again.
    for (const guessable of ['123456789012', 'aaaaaaaaaaaa', 'Password1234', 'qwertyuiop12']) {
      const refused = await t.http().post('/api/v1/users').set(bearer(adminToken)).set('Accept-Language', 'zh-TW').send({ ...newUser, username: 'x.guessable', password: guessable }).expect(400);
      expect(refused.body).toMatchObject({ error: 'PASSWORD_TOO_GUESSABLE', details: [{ field: 'password', reason: expect.stringMatching(/^密碼太容易被猜中（含有.+），請改用較長且不規則的密碼/) }] });
    }
    await t.http().post('/api/v1/users').set(bearer(adminToken)).send({ ...newUser, username: 'x.twelve', password: 'river-dredge-4711' }).expect(201);
    // The username inside the password, in another case and width, is still the username.
    const named = await t.http().post('/api/v1/users').set(bearer(adminToken)).set('Accept-Language', 'zh-TW').send({ ...newUser, username: 'chen.hsu', password: 'my-ＣＨＥＮ.Hsu-2026' }).expect(400);
    expect(named.body).toMatchObject({ error: 'PASSWORD_CONTAINS_USERNAME', message: '密碼不得包含帳號。', details: [{ field: 'password' }] });
    const twelve = await tokenFor(t, 'x.twelve', 'river-dredge-4711');
    const change = (newPassword: string) => t.http().post('/api/v1/users/me/password').set(bearer(twelve)).send({ currentPassword: 'river-dredge-4711', newPassword });
    expect((await change('long-enough-but-X.TWELVE').expect(400)).body).toMatchObject({ error: 'PASSWORD_CONTAINS_USERNAME', details: [{ field: 'newPassword' }] });
    expect((await change('too-short').expect(400)).body.details).toEqual([{ field: 'newPassword', reason: 'newPassword must be longer than or equal to 12 characters' }]);
    expect((await change('iloveyou1234').expect(400)).body).toMatchObject({ error: 'PASSWORD_TOO_GUESSABLE', details: [{ field: 'newPassword' }] });
    await change('a-long-passphrase-of-mine').expect(204);
    expect((await t.http().post('/api/v1/users').set(bearer(adminToken)).send({ ...newUser, username: 'x.nounit', unitId: undefined }).expect(400)).body.error).toBe('UNIT_REQUIRED');
    const listed = await t.http().get('/api/v1/users').set(bearer(unit.tokens.supervisor)).expect(200);
    expect(listed.body.items.every((u: { unitId: string }) => u.unitId === unit.unitId)).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain('passwordHash');
  });

  it('lets the admin alone say where a unit’s agency is and under whom, refusing a county Taiwan does not have', async () => {
    const profile = (token: string, body: object, id = unit.unitId) => t.http().put(`/api/v1/units/${id}/profile`).set(bearer(token)).send(body);
    await profile(unit.tokens.supervisor, { county: '臺北市' }).expect(403);
    expect((await profile(adminToken, { county: '台北市' }).expect(400)).body.details[0].field).toBe('county');
    expect((await profile(adminToken, { level: 'federal' }).expect(400)).body.details[0].field).toBe('level');
    expect((await profile(adminToken, { county: '臺北市' }, '00000000-0000-4000-8000-000000000000').expect(404)).body.error).toBe('UNIT_NOT_FOUND');
    expect((await profile(adminToken, { county: '臺北市', ministry: ' 臺北市政府 ', level: 'local' }).expect(200)).body.profile).toEqual({ county: '臺北市', ministry: '臺北市政府', level: 'local' });
    const listed = (await t.http().get('/api/v1/units').set(bearer(adminToken)).expect(200)).body.items.find((u: { id: string }) => u.id === unit.unitId);
    expect(listed.profile).toEqual({ county: '臺北市', ministry: '臺北市政府', level: 'local' });
  });

  it('records sites, outreach and promotion per unit, and links reflections to them', async () => {
    const site = await t.http()
      .post('/api/v1/sites')
      .set(bearer(unit.tokens.volunteer))
      .send({ type: 'village_office', name: '大安區龍門里辦公處', county: '臺北市', township: '大安區', village: '龍門里', contact: { name: '林里長', phone: '02-2700-1234' } })
      .expect(201);
    const siteId = site.body.id as string;
    const outreach = await t.http().post('/api/v1/outreach').set(bearer(unit.tokens.officer)).send({ method: 'small_forum', heldOn: '2026-11-20', siteId, theme: 'local_public_works', participants: 18 }).expect(201);
    const promotion = await t.http().post('/api/v1/promotions').set(bearer(unit.tokens.officer)).send({ kind: 'leaflets', heldOn: '2026-11-20', description: '里民大會發放廉政文宣', quantity: 150, siteId }).expect(201);
    await t.http().get(`/api/v1/health?minPosition=${promotion.body.position}`).expect(200);

    expect((await t.http().get(`/api/v1/sites/${siteId}`).set(bearer(unit.tokens.head)).expect(200)).body).toMatchObject({ id: siteId, county: '臺北市', contact: { name: '林里長' } });
    expect((await t.http().get('/api/v1/outreach').set(bearer(unit.tokens.officer)).expect(200)).body.items).toEqual([expect.objectContaining({ id: outreach.body.id, method: 'small_forum', participants: 18 })]);
    expect((await t.http().get('/api/v1/promotions').set(bearer(unit.tokens.officer)).expect(200)).body.items).toHaveLength(1);
    expect((await t.http().get(`/api/v1/sites/${siteId}`).set(bearer(other.tokens.officer)).expect(404)).body.error).toBe('SITE_NOT_FOUND');
    expect((await t.http().get('/api/v1/sites').set(bearer(other.tokens.officer)).expect(200)).body.items).toEqual([]);

    await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, siteId, outreachId: outreach.body.id }).expect(201);
    const foreign = await t.http().post('/api/v1/reflections').set(bearer(other.tokens.officer)).send({ ...aReflection, siteId }).expect(400);
    expect(foreign.body).toMatchObject({ error: 'SITE_NOT_FOUND', details: [{ field: 'siteId' }] });
    expect((await t.http().post('/api/v1/promotions').set(bearer(unit.tokens.officer)).send({ kind: 'banner', heldOn: '2026-11-20', description: 'x' }).expect(400)).body).toMatchObject({
      error: 'NOT_ALLOWED',
      details: [{ field: 'kind' }],
    });
    expect((await t.http().post('/api/v1/sites').set(bearer(unit.tokens.officer)).send({ type: 'school', name: 'x', county: 'x', township: 'x', contact: { name: '校長', phone: '123' } }).expect(400)).body.error).toBe(
      'INVALID_PHONE',
    );
  });
});
