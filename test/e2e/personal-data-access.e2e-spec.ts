import { aacAuditor, ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

interface Access {
  reflectionId: string;
  reflectionUnitId: string;
  view: string;
  actorId: string;
  actorName: string | null;
  actorUnitId: string | null;
  at: string;
  position: string;
}

/**
 * issue 12, 個人資料保護法: every response that shows a reporter in clear leaves an access record (who, unit, when,
 * which case, which view or export); redacted responses leave none; supervisors read their unit's records, the
 * AAC and administrators every unit's; the records outlive the reporter's erasure.
 */
describe('who saw a reporter’s personal data', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let other: UnitUsers;
  let admin: string;
  let auditor: string;
  afterAll(() => t.close());

  const accesses = async (token: string, query: string) => (await t.http().get(`/api/v1/audit/personal-data-access?${query}`).set(bearer(token)).expect(200)).body as { items: Access[]; nextCursor: string | null };

  it('records each view and export in clear, none of a redacted one, and shows them to those who audit', async () => {
    t = await startTestApp();
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'PDA');
    other = await unitWithUsers(t, admin, 'PDB');
    auditor = await aacAuditor(t, admin, 'pda.aac');
    const id = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body.id as string;
    const anonymous = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, reporter: null }).expect(201)).body.id as string;
    const get = (path: string, token: string) => t.http().get(`/api/v1/reflections/${id}${path}`).set(bearer(token)).expect(200);

    t.clock.set('2026-11-27T03:00:00Z');
    expect((await get('', unit.tokens.officer)).body.reporter.name).toBe('王小明');
    const history = (await get('/history', unit.tokens.officer)).body.events;
    expect(history[0].data.reporter.name).toBe('王小明');
    t.clock.set('2026-11-28T03:00:00Z');
    await get('?asOf=2026-11-27', unit.tokens.supervisor);
    await get('/export?format=odt', unit.tokens.officer);
    await get('/export?format=pdf', unit.tokens.supervisor);
    // Redacted for these: nothing recorded.
    for (const token of [unit.tokens.head, unit.tokens.volunteer, auditor]) {
      expect((await get('', token)).body.reporter).toEqual({ redacted: true });
      await get('/history', token);
      await get('/export?format=pdf', token);
    }
    await t.http().get(`/api/v1/reflections/${anonymous}`).set(bearer(unit.tokens.officer)).expect(200);

    const seen = await accesses(unit.tokens.supervisor, `reflectionId=${id}`);
    expect(seen.items.map((access) => [access.view, access.actorName])).toEqual([
      ['attachment1_pdf', 'PDA supervisor'],
      ['attachment1_odt', 'PDA officer'],
      ['case_as_of', 'PDA supervisor'],
      ['history', 'PDA officer'],
      ['case', 'PDA officer'],
    ]);
    expect(seen.items.every((access) => access.reflectionId === id && access.reflectionUnitId === unit.unitId && access.actorUnitId === unit.unitId)).toBe(true);
    expect(seen.items.map((access) => access.at.slice(0, 10))).toEqual(['2026-11-28', '2026-11-28', '2026-11-28', '2026-11-27', '2026-11-27']);
    expect((await accesses(unit.tokens.supervisor, `reflectionId=${anonymous}`)).items).toEqual([]);
    for (const token of [auditor, admin]) expect((await accesses(token, `reflectionId=${id}`)).items).toEqual(seen.items);
    expect((await accesses(other.tokens.supervisor, `reflectionId=${id}`)).items).toEqual([]);
    expect((await accesses(other.tokens.supervisor, '')).items).toEqual([]);
    for (const token of [unit.tokens.officer, unit.tokens.head, unit.tokens.volunteer]) await t.http().get('/api/v1/audit/personal-data-access').set(bearer(token)).expect(403);

    // Filters and pages.
    const officerId = seen.items.find((access) => access.view === 'case')?.actorId as string;
    expect((await accesses(auditor, `actorId=${officerId}`)).items.map((access) => access.view)).toEqual(['attachment1_odt', 'history', 'case']);
    expect((await accesses(auditor, 'from=2026-11-28')).items).toHaveLength(3);
    expect((await accesses(auditor, 'to=2026-11-27')).items).toHaveLength(2);
    const first = await accesses(unit.tokens.supervisor, 'limit=2');
    const second = await accesses(unit.tokens.supervisor, `limit=2&cursor=${first.nextCursor}`);
    const third = await accesses(unit.tokens.supervisor, `limit=2&cursor=${second.nextCursor}`);
    expect([...first.items, ...second.items, ...third.items]).toEqual(seen.items);
    expect(third.nextCursor).toBeNull();
    const refused = await t.http().get('/api/v1/audit/personal-data-access?from=2026-02-30').set(bearer(auditor)).set('Accept-Language', 'zh-TW').expect(400);
    expect(refused.body.details).toEqual([{ field: 'from', reason: '起始時點不是存在的日期或時間。' }]);
  });

  it('keeps the records after the reporter is erased, and records nothing once there is nothing to show', async () => {
    const [access] = (await accesses(admin, '')).items;
    const id = access.reflectionId;
    await t.http().post(`/api/v1/reflections/${id}/erase-reporter`).set(bearer(unit.tokens.supervisor)).send({ reason: '當事人請求刪除' }).expect(200);
    const before = (await accesses(unit.tokens.supervisor, `reflectionId=${id}`)).items;
    expect(before).toHaveLength(5);
    expect((await t.http().get(`/api/v1/reflections/${id}`).set(bearer(unit.tokens.officer)).expect(200)).body.reporter).toBeNull();
    expect((await accesses(unit.tokens.supervisor, `reflectionId=${id}`)).items).toEqual(before);
  });
});
