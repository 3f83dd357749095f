import type { ActivityEntry } from '@integrity/audit';
import { binary } from '../support/odt-text';
import { pdfTextOf } from '../support/pdf-text-of';
import { aacAuditor, ADMIN, aReflection, bearer, handledByOwnAgency, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

type Entry = ActivityEntry;

/**
 * issue 12: who did what to which record and when, across the whole log (supervisors: their unit; the AAC: every
 * unit), and a case's complete audit file as PDF for the paper file: its steps with actors, times and hashes, and
 * its verification.
 */
describe('the activity audit and a case’s audit file', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let other: UnitUsers;
  let auditor: string;
  let caseId: string;
  afterAll(() => t.close());

  const activity = async (token: string, query = '') => (await t.http().get(`/api/v1/audit/events?${query}`).set(bearer(token)).expect(200)).body as { items: Entry[]; nextCursor: string | null };

  it('lists a unit’s activity for its supervisor and every unit’s for the AAC, newest first, with names, filters and pages', async () => {
    t = await startTestApp();
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'ACT');
    other = await unitWithUsers(t, admin, 'ACU');
    auditor = await aacAuditor(t, admin, 'act.aac');
    t.clock.set('2026-11-20T02:00:00Z');
    caseId = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, receivedOn: '2026-11-20' }).expect(201)).body.id;
    t.clock.set('2026-11-21T02:00:00Z');
    await handledByOwnAgency(t, caseId, unit.tokens);
    await t.http().post('/api/v1/reflections').set(bearer(other.tokens.officer)).send({ ...aReflection, receivedOn: '2026-11-20', summary: '他單位案件' }).expect(201);

    const mine = await activity(unit.tokens.supervisor, 'limit=200');
    expect(mine.items.every((entry) => entry.unitId === unit.unitId)).toBe(true);
    const positions = mine.items.map((entry) => BigInt(entry.position));
    expect(positions).toEqual([...positions].sort((a, b) => (b > a ? 1 : -1)));
    const caseSteps = mine.items.filter((entry) => entry.streamId === `reflection-${caseId}`);
    expect(caseSteps.map((entry) => entry.label).reverse()).toEqual(['受理反映', '處理意見', '核發收執聯代碼', '簽會業務單位', '業務單位答復', '陳報機關首長', '首長核示']);
    expect(caseSteps.find((entry) => entry.type === 'HeadDecisionRecorded')?.actorName).toBe('ACT head');
    expect(caseSteps.every((entry) => /^[0-9a-f]{64}$/.test(entry.hash ?? ''))).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('王小明');

    const received = await activity(unit.tokens.supervisor, 'type=ReflectionReceived');
    expect(received.items.map((entry) => entry.streamId)).toEqual([`reflection-${caseId}`]);
    const headId = caseSteps.find((entry) => entry.type === 'HeadDecisionRecorded')?.actorId as string;
    expect((await activity(unit.tokens.supervisor, `actorId=${headId}`)).items.map((entry) => entry.type)).toEqual(['HeadDecisionRecorded']);
    expect((await activity(unit.tokens.supervisor, 'type=ReflectionReceived&to=2026-11-19')).items).toEqual([]);
    expect((await activity(unit.tokens.supervisor, 'from=2026-11-21&type=ReflectionReceived')).items).toEqual([]);

    const everyUnit = await activity(auditor, 'type=ReflectionReceived');
    expect(new Set(everyUnit.items.map((entry) => entry.unitId))).toEqual(new Set([unit.unitId, other.unitId]));
    expect((await activity(auditor, `type=ReflectionReceived&unitId=${other.unitId}`)).items).toHaveLength(1);
    // A supervisor asking for another unit is refused, not quietly shown their own.
    const refused = await t.http().get(`/api/v1/audit/events?type=ReflectionReceived&unitId=${other.unitId}`).set(bearer(unit.tokens.supervisor)).expect(403);
    expect(refused.body).toMatchObject({ error: 'FORBIDDEN', details: [{ field: 'unitId' }] });
    for (const token of [unit.tokens.officer, unit.tokens.head, unit.tokens.volunteer, admin]) await t.http().get('/api/v1/audit/events').set(bearer(token)).expect(403);

    const pages: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await activity(unit.tokens.supervisor, `limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual((await activity(unit.tokens.supervisor, 'limit=200')).items);
    expect((await t.http().get('/api/v1/audit/events?type=not-a-type').set(bearer(auditor)).expect(400)).body.details[0].field).toBe('type');
  });

  it('prints a case’s audit file: every step with its actor, time and hash, the chain verified, and the checkpoint that covers it', async () => {
    const file = async (token: string) => (await t.http().get(`/api/v1/audit/reflections/${caseId}/file?format=pdf`).set(bearer(token)).buffer(true).parse(binary).expect(200)).body as Buffer;
    const history = (await t.http().get(`/api/v1/reflections/${caseId}/history`).set(bearer(unit.tokens.supervisor)).expect(200)).body.events as { revision: number }[];
    const steps = (await activity(unit.tokens.supervisor, 'limit=200')).items.filter((entry) => entry.streamId === `reflection-${caseId}`);
    let text = (await pdfTextOf(await file(unit.tokens.supervisor), t.dataDir)).replace(/\s+/g, '');
    expect(text).toContain('ACT政風室村里廉政平臺案件稽核檔');
    for (const step of steps) expect(text).toContain(step.hash);
    expect(text).toContain(`雜湊鏈驗證：完整，共${history.length}筆紀錄`);
    expect(text).toContain('ACThead');
    expect(text).toContain('115年11月21日10:00');
    expect(text).not.toContain('王小明');
    expect(text).toContain('尚無稽核檢查點');
    expect(text).toContain('反映者個人資料調閱紀錄：1筆');

    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    const { checkpoint } = (await t.http().post('/api/v1/audit/checkpoints').set(bearer(admin)).expect(201)).body;
    text = (await pdfTextOf(await file(auditor), t.dataDir)).replace(/\s+/g, '');
    expect(text).toContain(checkpoint.root);
    expect(text).toContain(`本案於該檢查點為第${history.length}筆紀錄，與現存紀錄相符`);
    await t.http().get(`/api/v1/audit/reflections/${caseId}/file?format=pdf`).set(bearer(other.tokens.supervisor)).expect(404);
    await t.http().get(`/api/v1/audit/reflections/${caseId}/file?format=pdf`).set(bearer(unit.tokens.officer)).expect(403);
  });
});
