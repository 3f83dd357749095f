import { binary, odtText } from '../support/odt-text';
import { aacAuditor, ADMIN, aReflection, bearer, handledByOwnAgency, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** The programme's whole path over HTTP (玖): who decides, in what order, and what the citizen is owed. */
describe('the programme’s path over HTTP', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let admin: string;
  let last = '0';

  beforeAll(async () => {
    t = await startTestApp();
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'PTH');
  });
  afterAll(() => t.close());

  const receive = async (body: object = aReflection) =>
    (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(body).expect(201)).body.id as string;
  const step = async (id: string, verb: string, body: object, token = unit.tokens.officer) => {
    const response = await t.http().post(`/api/v1/reflections/${id}/${verb}`).set(bearer(token)).send(body);
    if (response.body.position) last = response.body.position;
    return response;
  };
  const read = async (id: string) => (await t.http().get(`/api/v1/reflections/${id}`).set('X-Min-Position', last).set(bearer(unit.tokens.officer)).expect(200)).body;

  it('takes a head decision only for a pending request: 409 NO_PENDING_REQUEST naming the subject', async () => {
    const id = await receive();
    for (const body of [{ subject: 'report' }, { subject: 'extension' }, { subject: 'referral', agency: '經濟部水利署' }]) {
      const refused = await step(id, 'head-decisions', { ...body, decision: 'approved' }, unit.tokens.head);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: 'NO_PENDING_REQUEST', details: { subject: body.subject } });
    }
    await step(id, 'request-head-approval', { agency: '經濟部水利署', note: '非本府權管' });
    expect((await step(id, 'head-decisions', { subject: 'referral', decision: 'approved', agency: '內政部' }, unit.tokens.head)).body.error).toBe('NO_PENDING_REQUEST');
    expect((await step(id, 'head-decisions', { subject: 'referral', decision: 'approved', agency: '經濟部水利署' }, unit.tokens.head)).status).toBe(200);
  });

  it('lets only the head decide; others record the head’s paper decision with its reference and date, and it says so', async () => {
    const id = await receive();
    await step(id, 'report-to-head', { note: '陳報' });
    const bare = await step(id, 'head-decisions', { subject: 'report', decision: 'approved' }, unit.tokens.supervisor);
    expect([bare.status, bare.body.error]).toEqual([403, 'HEAD_DECISION_NEEDS_DOCUMENT']);
    expect((await step(id, 'head-decisions', { subject: 'report', decision: 'approved', documentNo: '府政字第1150001號' })).status).toBe(403);
    expect((await step(id, 'head-decisions', { subject: 'report', decision: 'approved' }, unit.tokens.volunteer)).status).toBe(403);
    const badDate = await step(id, 'head-decisions', { subject: 'report', decision: 'approved', documentNo: '府政字第1150001號', decidedOn: '115/11/26' });
    expect(badDate.body.details[0].field).toBe('decidedOn');
    // Reported today (11/27): a paper signed the day before answers something else.
    const beforeRequest = await step(id, 'head-decisions', { subject: 'report', decision: 'approved', documentNo: '府政字第1150001號', decidedOn: '2026-11-26' });
    expect([beforeRequest.status, beforeRequest.body.error, beforeRequest.body.details[0].field]).toEqual([400, 'DECIDED_BEFORE_REQUEST', 'decidedOn']);
    const recorded = await step(id, 'head-decisions', { subject: 'report', decision: 'approved', documentNo: '府政字第1150001號', decidedOn: '2026-11-27' });
    expect(recorded.status).toBe(200);
    expect((await read(id)).headDecisions[0]).toMatchObject({ subject: 'report', decision: 'approved', onBehalf: { documentNo: '府政字第1150001號', decidedOn: '2026-11-27' } });
    const history = (await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(unit.tokens.supervisor)).expect(200)).body.events;
    expect(history.at(-1)).toMatchObject({ type: 'HeadDecisionRecorded', actorName: 'PTH officer', data: { onBehalf: { documentNo: '府政字第1150001號' } } });
  });

  it('closes only on one of the two paths, with every obligation met: 409 CLOSE_NEEDS_HANDLING says what is missing', async () => {
    const id = await receive();
    await step(id, 'citizen-replies', { channel: 'phone', content: '已回復' });
    const none = await step(id, 'close', { outcome: '結案' });
    expect(none.status).toBe(409);
    expect(none.body).toEqual({
      error: 'CLOSE_NEEDS_HANDLING',
      message: expect.any(String),
      details: { openObligations: [], ownAgency: ['route_to_departments', 'report_to_head'], otherAgency: ['request_head_approval'] },
    });
    await handledByOwnAgency(t, id, unit.tokens);
    await step(id, 'route', { departments: ['民政課'] });
    const pending = await step(id, 'close', { outcome: '結案' });
    expect(pending.body.details.openObligations).toEqual([expect.objectContaining({ kind: 'department_answer', party: '民政課' })]);
    const { obligations } = await read(id);
    const civil = obligations.find((o: { party: string | null; state: string }) => o.party === '民政課' && o.state === 'open');
    expect((await step(id, 'withdrawals', { obligationId: civil.id, reason: '非民政課權管' })).status).toBe(200);
    expect((await step(id, 'close', { outcome: '結案' })).status).toBe(200);
  });

  it('withdraws an obligation with its reason, ending its follow-up; refuses one that may not be withdrawn', async () => {
    const id = await receive();
    await step(id, 'route', { departments: ['工務課', '地政課'] });
    const { obligations } = await read(id);
    const land = obligations.find((o: { party: string | null }) => o.party === '地政課');
    expect((await step(id, 'withdrawals', { obligationId: land.id, reason: '誤送地政課' })).status).toBe(200);
    const after = await read(id);
    expect(after.obligations.find((o: { id: string }) => o.id === land.id)).toMatchObject({ state: 'withdrawn', closedOn: '2026-11-27' });
    expect(after.withdrawals).toEqual([{ obligationId: land.id, kind: 'department_answer', party: '地政課', reason: '誤送地政課', withdrawnOn: '2026-11-27' }]);
    const followUps = (await t.http().get('/api/v1/follow-ups?state=open').set('X-Min-Position', last).set(bearer(unit.tokens.officer)).expect(200)).body.items;
    expect(followUps.filter((f: { reflectionId: string; party: string }) => f.reflectionId === id && f.party === '地政課')).toEqual([]);
    expect((await step(id, 'department-responses', { department: '地政課', response: '已處理' })).body.error).toBe('DEPARTMENT_NOT_ROUTED');
    expect((await step(id, 'withdrawals', { obligationId: 'citizen_reply:0', reason: '不回了' })).body.error).toBe('OBLIGATION_NOT_WITHDRAWABLE');
    expect((await step(id, 'withdrawals', { obligationId: land.id, reason: '再撤一次' })).body.error).toBe('OBLIGATION_NOT_OPEN');
    expect((await step(id, 'withdrawals', { obligationId: land.id })).body.details[0].field).toBe('reason');
  });

  it('extends the citizen’s reply only with the head’s approval, moves the due date and owes a written notice of the reason', async () => {
    const id = await receive();
    expect((await step(id, 'extension-requests', { newDueOn: '2026-12-20', reason: '須現勘' })).body).toMatchObject({ error: 'EXTENSION_NOT_LATER', details: [{ field: 'newDueOn' }] });
    expect((await step(id, 'extension-requests', { newDueOn: '2027-01-29', reason: '須俟水利署現勘' })).status).toBe(200);
    expect((await step(id, 'extension-requests', { newDueOn: '2027-02-26', reason: '再展' })).body.error).toBe('EXTENSION_ALREADY_REQUESTED');
    expect((await step(id, 'head-decisions', { subject: 'extension', decision: 'approved' }, unit.tokens.head)).status).toBe(200);
    const extended = await read(id);
    expect(extended.extensions).toEqual([{ previousDueOn: '2026-12-28', newDueOn: '2027-01-29', reason: '須俟水利署現勘', extendedOn: '2026-11-27' }]);
    const open = extended.obligations.filter((o: { state: string }) => o.state === 'open').map((o: { kind: string; dueOn: string }) => [o.kind, o.dueOn]);
    expect(open).toEqual([
      ['citizen_reply', '2027-01-29'],
      ['extension_notice', '2026-12-04'],
    ]);
    const history = (await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(unit.tokens.officer)).expect(200)).body.events;
    expect(history.at(-1)).toMatchObject({ type: 'CitizenReplyDeadlineExtended', data: { previousDueOn: '2026-12-28', newDueOn: '2027-01-29', reason: '須俟水利署現勘' } });

    const spoken = await step(id, 'citizen-notices', { kind: 'extension', channel: 'phone', sentOn: '2026-11-27', content: '電話告知展延' });
    expect(spoken.body).toMatchObject({ error: 'WRITTEN_NOTICE_REQUIRED', details: [{ field: 'channel' }] });
    expect((await step(id, 'citizen-notices', { kind: 'extension', channel: 'letter', sentOn: '2026-11-27', content: '因須現勘，展延至116年1月29日答復' })).status).toBe(200);
    expect((await read(id)).obligations.find((o: { kind: string }) => o.kind === 'extension_notice').state).toBe('fulfilled');
  });

  it('owes the citizen a notice of a referral (行政程序法§172), but not an anonymous one', async () => {
    const named = await receive();
    await step(named, 'request-head-approval', { agency: '經濟部水利署' });
    await step(named, 'head-decisions', { subject: 'referral', decision: 'approved', agency: '經濟部水利署' }, unit.tokens.head);
    await step(named, 'refer', { agency: '經濟部水利署', letterNo: '府授政字第1150012345號', sentOn: '2026-11-27' });
    expect((await read(named)).obligations.filter((o: { state: string }) => o.state === 'open').map((o: { kind: string; party: string | null; dueOn: string }) => [o.kind, o.party, o.dueOn])).toEqual([
      ['citizen_reply', null, '2026-12-28'],
      ['agency_reply', '經濟部水利署', '2026-12-28'],
      ['referral_notice', '經濟部水利署', '2026-12-04'],
    ]);
    expect((await step(named, 'citizen-notices', { kind: 'referral', agency: '內政部', channel: 'phone', sentOn: '2026-11-27', content: 'x' })).body.error).toBe('NO_NOTICE_PENDING');
    expect((await step(named, 'citizen-notices', { kind: 'referral', channel: 'phone', sentOn: '2026-11-27', content: '已電話告知本案移由水利署處理' })).status).toBe(200);
    expect((await read(named)).citizenNotices).toEqual([{ kind: 'referral', agency: '經濟部水利署', channel: 'phone', sentOn: '2026-11-27', content: '已電話告知本案移由水利署處理' }]);
    const form = await odtText((await t.http().get(`/api/v1/reflections/${named}/export?format=odt`).set(bearer(unit.tokens.officer)).buffer(true).parse(binary).expect(200)).body);
    expect(form).toContain('辦理情形');
    expect(form).toContain('機關首長核示函請他機關參處（經濟部水利署）：核定');
    expect(form).toContain('函請經濟部水利署參處（府授政字第1150012345號，115年11月27日）');
    expect(form).toContain('通知陳情人移送他機關（電話，115年11月27日）：已電話告知本案移由水利署處理');

    const anonymous = await receive({ ...aReflection, reporter: undefined });
    await step(anonymous, 'request-head-approval', { agency: '經濟部水利署' });
    await step(anonymous, 'head-decisions', { subject: 'referral', decision: 'approved', agency: '經濟部水利署' }, unit.tokens.head);
    await step(anonymous, 'refer', { agency: '經濟部水利署', letterNo: '府授政字第1150012346號', sentOn: '2026-11-27' });
    expect((await read(anonymous)).obligations.map((o: { kind: string }) => o.kind)).not.toContain('referral_notice');
  });

  it('serves the office calendar by year, and 404 for a year not shipped', async () => {
    const year = (await t.http().get('/api/v1/calendar/2027').set(bearer(unit.tokens.officer)).expect(200)).body;
    expect(year.daysOff).toHaveLength(17);
    expect(year.daysOff[1]).toEqual({ date: '2027-02-04', name: '農曆除夕前一日' });
    expect(year).toMatchObject({ year: 2027, makeUpWorkingDays: [], source: expect.stringContaining('依紀念日及節日實施條例推算（非官方公告') });
    expect((await t.http().get('/api/v1/calendar/2028').set(bearer(unit.tokens.officer)).expect(404)).body.error).toBe('CALENDAR_YEAR_NOT_COVERED');
    await t.http().get('/api/v1/calendar/2027').expect(401);
  });

  it('warns on /health while the calendar covers less than the next 90 days, and marks due dates counted past it', async () => {
    expect((await t.http().get('/api/v1/health').expect(200)).body).toMatchObject({ calendar: { years: [2026, 2027], coveredUntil: '2027-12-31' }, warnings: [] });
    t.clock.set('2027-10-20T02:00:00Z');
    try {
      const health = (await t.http().get('/api/v1/health').expect(200)).body;
      expect(health.warnings).toEqual([{ code: 'CALENDAR_COVERAGE_ENDING', message: expect.stringContaining('2027-12-31') }]);
      t.clock.set('2027-12-27T02:00:00Z');
      const id = await receive({ ...aReflection, receivedOn: '2027-12-27' });
      await step(id, 'route', { departments: ['工務課'] });
      const history = (await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(unit.tokens.officer)).expect(200)).body.events;
      expect(history[0].data).toMatchObject({ citizenReplyDueOn: '2028-01-26', beyondCalendar: true });
      expect(history.at(-1).data).toMatchObject({ department: '工務課', dueOn: '2028-01-06', beyondCalendar: true });
    } finally {
      t.clock.set('2026-11-27T02:00:00Z');
    }
  });

  it('keeps the AAC apart from the ethics units: its own unit kind, never in the roster or the comparison', async () => {
    const auditor = await aacAuditor(t, admin, 'aac.path');
    const units = (await t.http().get('/api/v1/units').set(bearer(admin)).expect(200)).body.items;
    const aac = units.find((u: { kind: string }) => u.kind === 'aac');
    expect(units.find((u: { id: string }) => u.id === unit.unitId).kind).toBe('ethics_unit');
    const misplaced = await t.http().post('/api/v1/users').set(bearer(admin)).send({ username: 'pth.auditor', password: 'pth-auditor-password', displayName: 'x', unitId: unit.unitId, roles: ['aac_auditor'] }).expect(400);
    expect(misplaced.body).toMatchObject({ error: 'ROLE_NOT_IN_UNIT_KIND', details: [{ field: 'roles' }] });
    await t.http().post('/api/v1/users').set(bearer(admin)).send({ username: 'aac.officer', password: 'aac-officer-password', displayName: 'x', unitId: aac.id, roles: ['ethics_officer'] }).expect(400);
    // The unit started today: it owes the current period, and the AAC is never listed.
    const current = (await t.http().get('/api/v1/reports/periods').set(bearer(auditor)).expect(200)).body.items[0].start;
    const roster = (await t.http().get(`/api/v1/reports/submissions?periodStart=${current}`).set(bearer(auditor)).expect(200)).body.items;
    expect(roster.map((r: { unitId: string }) => r.unitId)).toEqual([unit.unitId]);
    const aacReport = await t.http().get(`/api/v1/reports/biweekly?periodStart=${current}&unitId=${aac.id}`).set(bearer(auditor)).expect(404);
    expect(aacReport.body.error).toBe('UNIT_NOT_FOUND');
    const dashboard = (await t.http().get('/api/v1/dashboard').set(bearer(auditor)).expect(200)).body.units;
    expect(dashboard.map((d: { unitId: string }) => d.unitId)).toEqual([unit.unitId]);
    expect((await t.http().post('/api/v1/reflections').set(bearer(auditor)).send(aReflection)).status).toBe(403);
  });

  it('drafts, approves and submits a report only after its period, approved only by the head or with the head’s signed paper', async () => {
    const period = '2026-11-23'; // runs to 2026-12-06
    const post = (verb: string, body: object, token = unit.tokens.officer) => t.http().post(`/api/v1/reports/biweekly/${period}/${verb}`).set(bearer(token)).send(body);
    expect((await post('draft', {}).expect(409)).body.error).toBe('PERIOD_NOT_ENDED');
    t.clock.set('2026-12-06T16:00:00Z'); // 00:00 on 12/7 in Taipei
    let submitted: string;
    try {
      await post('draft', {}).expect(200);
      expect((await post('approve', {}, unit.tokens.supervisor).expect(403)).body.error).toBe('HEAD_DECISION_NEEDS_DOCUMENT');
      expect((await post('approve', { documentNo: '府政字第1150077號', decidedOn: '2026-12-06' }).expect(400)).body.error).toBe('DECIDED_BEFORE_REQUEST');
      await post('approve', { documentNo: '府政字第1150077號', decidedOn: '2026-12-07' }).expect(200);
      submitted = (await post('submit', {}).expect(200)).body.position;
    } finally {
      t.clock.set('2026-11-27T02:00:00Z');
    }
    const report = (await t.http().get(`/api/v1/reports/biweekly?periodStart=${period}`).set('X-Min-Position', submitted).set(bearer(unit.tokens.officer)).expect(200)).body.current;
    expect(report).toMatchObject({ label: '原報', approval: { approver: 'supervisor_recording', onBehalf: { documentNo: '府政字第1150077號', decidedOn: '2026-12-07' } }, submission: { submittedOn: '2026-12-07' } });
  });
});
