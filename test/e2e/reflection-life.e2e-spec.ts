import Database from '@integrity/sqlite';
import { join } from 'node:path';
import { aacAuditor, handledByOwnAgency, ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

describe('the life of a reflection over HTTP', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let other: UnitUsers;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, adminToken, 'TXG');
    other = await unitWithUsers(t, adminToken, 'KHH');
  });
  afterAll(() => t.close());

  const receive = async (token = unit.tokens.officer, body: object = aReflection) => {
    const response = await t.http().post('/api/v1/reflections').set(bearer(token)).send(body).expect(201);
    return response.body as { id: string; revision: number; position: string };
  };
  const step = (id: string, verb: string, body: object, token = unit.tokens.officer) =>
    t.http().post(`/api/v1/reflections/${id}/${verb}`).set(bearer(token)).send(body);

  it('carries a reflection from the work record form to a published result, and keeps every step in its history', async () => {
    const received = await receive();
    // The reporter left a phone number: the answer carries the receipt code, said this once.
    expect(received).toEqual({ id: expect.any(String), revision: 2, position: expect.stringMatching(/^\d+$/), receiptCode: expect.stringMatching(/^\w{4}-\w{4}-\w{2}$/) });
    const { id } = received;

    const steps: [string, object, string?][] = [
      ['route', { departments: ['工務課'], dueOn: '2026-12-08' }],
      ['department-responses', { department: '工務課', response: '已派員勘查，排定12月疏濬' }],
      ['report-to-head', { note: '陳報首長作為施政參考' }],
      ['head-decisions', { subject: 'report', decision: 'approved', instructions: '列入施政參考' }, unit.tokens.head],
      ['request-head-approval', { agency: '經濟部水利署' }],
      ['head-decisions', { subject: 'referral', decision: 'approved', agency: '經濟部水利署' }, unit.tokens.head],
      ['refer', { agency: '經濟部水利署', letterNo: '府授政字第1150012345號', sentOn: '2026-11-27' }],
      ['citizen-notices', { kind: 'referral', channel: 'letter', sentOn: '2026-11-27', content: '本案已函請經濟部水利署參處' }],
      ['agency-replies', { agency: '經濟部水利署', reply: '已列入疏濬計畫', letterNo: '水授字第1150005678號' }],
      ['citizen-replies', { channel: 'phone', content: '已電話回復民眾處理情形' }],
      ['close', { outcome: '河段已完成疏濬' }],
      ['publish', { venue: 'village_assembly', publicSummary: '北區河段疏濬已於12月完成' }],
    ];
    let revision = received.revision;
    let position = received.position;
    for (const [verb, body, token] of steps) {
      const response = await step(id, verb, body, token);
      expect([verb, response.status]).toEqual([verb, 200]);
      expect(response.body.revision).toBe(revision + 1);
      expect(BigInt(response.body.position)).toBeGreaterThan(BigInt(position));
      ({ revision, position } = response.body);
    }

    const state = await t.http().get(`/api/v1/reflections/${id}?minPosition=${position}`).set(bearer(unit.tokens.officer)).expect(200);
    expect(state.body).toMatchObject({
      id,
      revision,
      position,
      status: 'closed',
      nature: 'public_need',
      category: 'public_facilities',
      reporter: aReflection.reporter,
      handlingOpinions: [{ opinion: '簽會工務課處理', recordedOn: '2026-11-27' }],
      departments: [{ department: '工務課', routedOn: '2026-11-27', dueOn: '2026-12-08', response: '已派員勘查，排定12月疏濬', respondedOn: '2026-11-27' }],
      headDecisions: [
        { subject: 'report', decision: 'approved', instructions: '列入施政參考' },
        { subject: 'referral', agency: '經濟部水利署', decision: 'approved' },
      ],
      referrals: [{ agency: '經濟部水利署', letterNo: '府授政字第1150012345號', dueOn: '2026-12-28', reply: '已列入疏濬計畫' }],
      citizenReplies: [{ channel: 'phone', content: '已電話回復民眾處理情形', repliedOn: '2026-11-27' }],
      openObligations: 0,
      nextDueOn: null,
      firstCitizenReplyDays: 1,
      publications: [{ venue: 'village_assembly', publicSummary: '北區河段疏濬已於12月完成', publishedOn: '2026-11-27' }],
    });
    expect(state.body.obligations.map((o: { kind: string; state: string }) => [o.kind, o.state])).toEqual([
      ['citizen_reply', 'fulfilled'],
      ['department_answer', 'fulfilled'],
      ['head_decision', 'fulfilled'],
      ['head_decision', 'fulfilled'],
      ['agency_reply', 'fulfilled'],
      ['referral_notice', 'fulfilled'],
    ]);

    const history = await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(unit.tokens.supervisor)).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ReflectionReceived',
      'HandlingOpinionRecorded',
      'ReceiptIssued',
      'RoutedToDepartment',
      'DepartmentResponded',
      'ReportedToHead',
      'HeadDecisionRecorded',
      'HeadApprovalRequested',
      'HeadDecisionRecorded',
      'ReferredToAgency',
      'CitizenNotified',
      'AgencyReplied',
      'CitizenReplied',
      'ReflectionClosed',
      'ResultPublished',
    ]);
    expect(history.body.events[6]).toMatchObject({ actorName: 'TXG head', occurredAt: '2026-11-27T02:00:00.000Z', revision: 6 });
    expect(history.body.events[0].data.reporter).toEqual(aReflection.reporter);
  });

  it('stores the reporter encrypted from the first event, and erasing the key erases the reporter', async () => {
    const { id } = await receive();
    const raw = new Database(join(t.dataDir, 'events.sqlite'), { readonly: true });
    const stored = raw.prepare<[string], { data: string }>("SELECT data FROM events WHERE stream_id = ? AND type = 'ReflectionReceived'").get(`reflection-${id}`)!;
    raw.close();
    expect(stored.data).not.toContain('王小明');
    // The whole number, in either form: a fragment such as 0912 may occur in any id's hex digits.
    for (const phone of ['0912-345-678', '0912345678']) expect(stored.data).not.toContain(phone);
    expect(stored.data).not.toContain('中華路');
    expect(JSON.parse(stored.data).reporter).toEqual({ keyId: expect.any(String), iv: expect.any(String), tag: expect.any(String), ciphertext: expect.any(String) });

    await step(id, 'erase-reporter', { reason: '當事人請求刪除' }).expect(403);
    const erased = await step(id, 'erase-reporter', { reason: '當事人請求刪除' }, unit.tokens.supervisor).expect(200);
    const state = await t.http().get(`/api/v1/reflections/${id}`).set('X-Min-Position', erased.body.position).set(bearer(unit.tokens.officer)).expect(200);
    expect(state.body).toMatchObject({ reporter: null, reporterErased: true });
    const history = await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(unit.tokens.officer)).expect(200);
    expect(JSON.stringify(history.body)).not.toContain('王小明');
  });

  it('shows the reporter in clear only to those who reply to citizens', async () => {
    const { id, position } = await receive();
    const head = await t.http().get(`/api/v1/reflections/${id}?minPosition=${position}`).set(bearer(unit.tokens.head)).expect(200);
    expect(head.body.reporter).toEqual({ redacted: true });
    const volunteer = await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(unit.tokens.volunteer)).expect(200);
    expect(JSON.stringify(volunteer.body)).not.toContain('王小明');
  });

  it('answers broken rules with their codes: 409 for the life, 400 naming the field for input', async () => {
    const { id } = await receive();
    const refer = await step(id, 'refer', { agency: '經濟部水利署', letterNo: '府授政字第1號', sentOn: '2026-11-27' }).expect(409);
    expect(refer.body).toMatchObject({ error: 'REFERRAL_NEEDS_HEAD_APPROVAL', message: expect.any(String) });
    expect((await step(id, 'close', { outcome: '結案' }).expect(409)).body.error).toBe('CLOSE_NEEDS_HANDLING');
    await handledByOwnAgency(t, id, unit.tokens);
    expect((await step(id, 'close', { outcome: '結案' }).expect(409)).body.error).toBe('CITIZEN_REPLY_REQUIRED');
    expect((await step(id, 'department-responses', { department: '民政課', response: '已處理' }).expect(409)).body.error).toBe('DEPARTMENT_NOT_ROUTED');

    const mismatch = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, nature: 'policy_feedback' }).expect(400);
    expect(mismatch.body).toMatchObject({ error: 'CATEGORY_NOT_IN_NATURE', details: [{ field: 'category', reason: expect.any(String) }] });
    const future = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, receivedOn: '2026-11-28' }).expect(400);
    expect(future.body.error).toBe('RECEIVED_ON_IN_FUTURE');
    const phone = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, reporter: { phone: '12345' } }).expect(400);
    expect(phone.body.details).toEqual([{ field: 'reporter.phone', reason: expect.any(String) }]);
    const unknown = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, priority: 'high' }).expect(400);
    expect(unknown.body).toMatchObject({ error: 'VALIDATION_FAILED', details: [{ field: 'priority', reason: expect.stringContaining('should not exist') }] });
    const nested = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, reporter: { name: 5 } }).expect(400);
    expect(nested.body.details).toContainEqual({ field: 'reporter.name', reason: 'reporter.name must be a string' });
    expect(nested.body.details.every((d: { field: string }) => d.field === 'reporter.name')).toBe(true);
    const badDate = await step(id, 'route', { departments: ['工務課'], dueOn: '12/08' }).expect(400);
    expect(badDate.body.details[0].field).toBe('dueOn');
    await t.http().get('/api/v1/reflections/not-a-uuid').set(bearer(unit.tokens.officer)).expect(400);
    const anonymous = await receive(unit.tokens.officer, { ...aReflection, reporter: undefined });
    await handledByOwnAgency(t, anonymous.id, unit.tokens);
    await step(anonymous.id, 'close', { outcome: '匿名無從回復', noReplyReason: 'anonymous' }).expect(200);
  });

  it('keeps units apart: another unit’s reflection is not found, whatever the verb; the AAC reads all', async () => {
    const { id, position } = await receive();
    const missing = await t.http().get(`/api/v1/reflections/${id}?minPosition=${position}`).set(bearer(other.tokens.officer)).expect(404);
    expect(missing.body.error).toBe('REFLECTION_NOT_FOUND');
    await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(other.tokens.supervisor)).expect(404);
    expect((await step(id, 'handling-opinion', { opinion: '越權' }, other.tokens.officer).expect(404)).body.error).toBe('REFLECTION_NOT_FOUND');

    const auditor = await aacAuditor(t, adminToken, 'aac.auditor');
    const { id: otherId, position: otherPosition } = await receive(other.tokens.officer);
    await t.http().get(`/api/v1/reflections/${otherId}?minPosition=${otherPosition}`).set(bearer(auditor)).expect(200);
    await step(otherId, 'handling-opinion', { opinion: '稽核不得決定' }, auditor).expect(403);
  });

  it('lets a volunteer record but not decide', async () => {
    const { id } = await receive(unit.tokens.volunteer, { ...aReflection, handlingOpinion: undefined });
    const refused = await step(id, 'route', { departments: ['工務課'] }, unit.tokens.volunteer).expect(403);
    expect(refused.body.error).toBe('FORBIDDEN');
    await step(id, 'head-decisions', { subject: 'referral', decision: 'approved', agency: '內政部' }, unit.tokens.officer).expect(403);
    await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.volunteer)).send(aReflection).expect(403);
  });

  it('refuses a stale If-Match with the current revision, and accepts the current one', async () => {
    const { id, revision } = await receive();
    const stale = await step(id, 'handling-opinion', { opinion: '補充' }).set('If-Match', String(revision - 1)).expect(409);
    expect(stale.body).toMatchObject({ error: 'CONCURRENCY_CONFLICT', details: { currentRevision: revision } });
    const fresh = await step(id, 'handling-opinion', { opinion: '補充' }).set('If-Match', `"${revision}"`).expect(200);
    expect(fresh.body.revision).toBe(revision + 1);
    await step(id, 'handling-opinion', { opinion: '補充' }).set('If-Match', 'yesterday').expect(400);
  });

  it('answers the same Idempotency-Key and body with the same response, and never writes twice', async () => {
    const first = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).set('Idempotency-Key', 'form-0001').send(aReflection).expect(201);
    const again = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).set('Idempotency-Key', 'form-0001').send(aReflection).expect(201);
    // The same answer, but for the receipt code: it is said once and kept nowhere, not even for a replay.
    const { receiptCode, ...kept } = first.body;
    expect(receiptCode).toBeDefined();
    expect(again.body).toEqual(kept);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reused = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).set('Idempotency-Key', 'form-0001').send({ ...aReflection, summary: '別的事' }).expect(422);
    expect(reused.body.error).toBe('IDEMPOTENCY_KEY_REUSED');

    const { id } = first.body;
    const replies = await Promise.all(
      [1, 2, 3].map(() => step(id, 'citizen-replies', { channel: 'phone', content: '已回復' }).set('Idempotency-Key', 'reply-1')),
    );
    expect(replies.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(replies.every((r) => r.status === 200 || (r.status === 409 && r.body.error === 'IDEMPOTENCY_KEY_IN_PROGRESS'))).toBe(true);
    const history = await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(unit.tokens.officer)).expect(200);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'CitizenReplied')).toHaveLength(1);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'ReflectionReceived')).toHaveLength(1);
  });

  it('accepts 50 commands sent at once to one reflection, each exactly once, at consecutive revisions', async () => {
    const { id, revision } = await receive();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => step(id, 'handling-opinion', { opinion: `意見${i}` })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(responses.map((r) => r.body.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => revision + 1 + i));
    const last = responses.map((r) => BigInt(r.body.position)).reduce((a, b) => (a > b ? a : b));
    const state = await t.http().get(`/api/v1/reflections/${id}?minPosition=${last}`).set(bearer(unit.tokens.officer)).expect(200);
    expect(state.body.handlingOpinions.map((h: { opinion: string }) => h.opinion).sort()).toEqual(['簽會工務課處理', ...Array.from({ length: 50 }, (_, i) => `意見${i}`)].sort());
  });
});
