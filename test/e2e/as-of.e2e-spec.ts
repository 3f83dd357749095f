import { aReflection, ADMIN, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/**
 * issue 12: a case as it stood on any date. Walked through its steps a day apart, the case read as of each step
 * (by its instant, or by the revision a timeline step names) is what the case screen showed at that moment, and
 * its history stops there.
 */
describe('a case as of any instant', () => {
  let t: TestApp;
  let unit: UnitUsers;
  afterAll(() => t.close());

  it('answers the case and its history as they stood before and after each step', async () => {
    t = await startTestApp();
    t.clock.set('2026-11-02T01:00:00Z');
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'ASOF');
    const officer = bearer(unit.tokens.officer);
    const steps: [string, string, object, string][] = [
      ['2026-11-03T01:00:00Z', '', { ...aReflection, receivedOn: '2026-11-03' }, unit.tokens.officer],
      ['2026-11-04T02:30:00Z', 'route', { departments: ['工務課'] }, unit.tokens.officer],
      ['2026-11-05T03:00:00Z', 'department-responses', { department: '工務課', response: '已派員處理' }, unit.tokens.officer],
      ['2026-11-06T04:00:00Z', 'report-to-head', { note: '陳報首長' }, unit.tokens.officer],
      ['2026-11-09T05:00:00Z', 'head-decisions', { subject: 'report', decision: 'approved' }, unit.tokens.head],
      ['2026-11-10T06:00:00Z', 'citizen-replies', { channel: 'phone', content: '已電話回復' }, unit.tokens.officer],
      ['2026-11-12T07:00:00Z', 'close', { outcome: '已改善' }, unit.tokens.officer],
    ];
    let id = '';
    const seen: { at: string; view: Record<string, unknown> }[] = [];
    for (const [at, verb, body, token] of steps) {
      t.clock.set(at);
      const path = verb ? `/api/v1/reflections/${id}/${verb}` : '/api/v1/reflections';
      const answered = await t.http().post(path).set(bearer(token)).send(body).expect(verb ? 200 : 201);
      id ||= answered.body.id;
      const view = (await t.http().get(`/api/v1/reflections/${id}?minPosition=${answered.body.position}`).set(officer).expect(200)).body;
      seen.push({ at, view });
    }
    t.clock.set('2026-11-27T02:00:00Z');
    const asOf = (when: string) => t.http().get(`/api/v1/reflections/${id}?asOf=${encodeURIComponent(when)}`).set(officer);
    const historyAsOf = async (when: string) => (await t.http().get(`/api/v1/reflections/${id}/history?asOf=${encodeURIComponent(when)}`).set(officer).expect(200)).body.events as { revision: number }[];

    await asOf('2026-11-03T00:59:59Z').expect(404);
    expect(await historyAsOf('2026-11-02')).toEqual([]);
    for (const [i, { at, view }] of seen.entries()) {
      const then = (await asOf(at).expect(200)).body;
      expect(then).toEqual({ ...view, asOf: new Date(at).toISOString() });
      // A step of the timeline, by its revision: the same case.
      const step = (await t.http().get(`/api/v1/reflections/${id}?revision=${view.revision}`).set(officer).expect(200)).body;
      expect(step).toEqual({ ...view, asOfRevision: view.revision });
      const history = await historyAsOf(at);
      expect(history.map((event) => event.revision)).toEqual(Array.from({ length: (view.revision as number) + 1 }, (_, r) => r));
      const justBefore = new Date(Date.parse(at) - 1).toISOString();
      if (i > 0) expect((await asOf(justBefore).expect(200)).body.revision).toBe(seen[i - 1].view.revision);
    }
    // A date is its whole day in Taipei: on 11/9 the head had decided (13:00 there); on 11/8 not yet.
    expect((await asOf('2026-11-09').expect(200)).body.revision).toBe(seen[4].view.revision);
    expect((await asOf('2026-11-08').expect(200)).body.revision).toBe(seen[3].view.revision);
    const now = (await t.http().get(`/api/v1/reflections/${id}`).set(officer).expect(200)).body;
    expect(now.asOf).toBeUndefined();
    expect(now.status).toBe('closed');
    expect((await asOf('2026-11-06').expect(200)).body).toMatchObject({ status: 'in_progress', overdue: false });
    const refused = await asOf('2026-13-01').set('Accept-Language', 'zh-TW').expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'asOf' });
    expect((await t.http().get(`/api/v1/reflections/${id}?revision=-1`).set(officer).expect(400)).body.details[0].field).toBe('revision');
    expect((await t.http().get(`/api/v1/reflections/${id}/history?revision=1`).set(officer).expect(200)).body.events).toHaveLength(2);
  });
});
