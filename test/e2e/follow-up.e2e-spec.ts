import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';
import { startSmtpInbox } from '../support/smtp-inbox';
import { eventually } from '../support/polling';

describe('follow-up control over HTTP (embedded scheduler, real SMTP)', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;

  beforeAll(async () => {
    smtp = await startSmtpInbox();
    t = await startTestApp(undefined, { SMTP_URL: smtp.url, MAIL_FROM: 'platform@example.gov.tw' });
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'HUA');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const history = async (id: string) => (await t.http().get(`/api/v1/reflections/${id}/history`).set(bearer(unit.tokens.supervisor)).expect(200)).body.events as { type: string; data: Record<string, unknown> }[];

  it('reminds the officers before and on the due date, escalates to the supervisors, once each, in order', async () => {
    // Received 2026-10-01 and routed the next day: by 2026-11-27 both obligations are weeks overdue.
    t.clock.set('2026-10-01T02:00:00Z');
    const { id } = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, receivedOn: '2026-10-01', handlingOpinion: undefined }).expect(201)).body;
    t.clock.set('2026-10-02T02:00:00Z');
    const routed = await t.http().post(`/api/v1/reflections/${id}/route`).set(bearer(unit.tokens.officer)).send({ departments: ['建設課'] }).expect(200);
    await t.http().get(`/api/v1/health?minPosition=${routed.body.position}`).expect(200);
    expect((await history(id)).filter((e) => e.type === 'FollowUpReminderIssued')).toEqual([]);
    // Time passes morning by morning (the queue holds only what goes out within the hour, and the worker queues
    // the rest as it comes within it): each stage goes out on its day, in order. The department answer is due
    // 10/14, the citizen reply 11/2; a stage whose day was passed over goes out as a catch-up on the next morning
    // visited, and the weekly escalations missed until 11/27 collapse into the latest one.
    const mornings: [string, number][] = [
      ['2026-10-12', 1],
      ['2026-10-14', 2],
      ['2026-10-19', 3],
      ['2026-10-29', 5],
      ['2026-11-02', 7],
      ['2026-11-05', 8],
      ['2026-11-27', 10],
    ];
    let reminders: { type: string; data: Record<string, unknown> }[] = [];
    for (const [day, sent] of mornings) {
      t.clock.set(`${day}T02:00:00Z`);
      reminders = await eventually(async () => {
        const events = (await history(id)).filter((e) => e.type === 'FollowUpReminderIssued');
        return events.length >= sent ? events : undefined;
      }, `${sent} reminders by ${day}`);
      expect(reminders).toHaveLength(sent);
    }
    const stages = (obligationId: string) => reminders.filter((e) => e.data.obligationId === obligationId).map((e) => e.data.stage);
    expect(stages('citizen_reply:0')).toEqual(['before_due', 'due', 'escalation_1', 'escalation_4']);
    expect(stages('department_answer:1')).toEqual(['before_due', 'due', 'escalation_1', 'escalation_2', 'escalation_3', 'escalation_6']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await history(id)).filter((e) => e.type === 'FollowUpReminderIssued')).toHaveLength(10);
    const escalation = reminders.find((e) => e.data.stage === 'escalation_1')!;
    const supervisor = (await t.http().get('/api/v1/users').set(bearer(unit.tokens.supervisor)).expect(200)).body.items.find((u: { roles: string[] }) => u.roles.includes('supervisor'));
    expect(escalation.data.recipients).toEqual([supervisor.id]);
    expect(JSON.stringify(reminders)).not.toContain('王小明');

    const officerInbox = await eventually(async () => {
      const inbox = (await t.http().get('/api/v1/notifications').set(bearer(unit.tokens.officer)).expect(200)).body;
      return inbox.items.length === 4 ? inbox : undefined;
    }, 'the officer’s four reminders');
    expect(officerInbox.unread).toBe(4);
    expect(officerInbox.items.every((n: { reflectionId: string; kind: string }) => n.reflectionId === id)).toBe(true);
    const read = await t.http().post(`/api/v1/notifications/${officerInbox.items[0].id}/read`).set(bearer(unit.tokens.officer)).expect(200);
    expect(read.body.readAt).toBe('2026-11-27T02:00:00.000Z');
    expect((await t.http().get('/api/v1/notifications').set(bearer(unit.tokens.officer)).expect(200)).body.unread).toBe(3);
    await t.http().post(`/api/v1/notifications/${officerInbox.items[0].id}/read`).set(bearer(unit.tokens.supervisor)).expect(404);

    const mails = await eventually(async () => (smtp.mails.length >= 10 ? smtp.mails : undefined), 'ten mails');
    expect(mails.filter((m) => m.to.includes('hua.officer@example.gov.tw'))).toHaveLength(4);
    expect(mails.filter((m) => m.to.includes('hua.supervisor@example.gov.tw'))).toHaveLength(6);
    expect(mails.every((m) => !m.raw.includes('0912-345-678') && !m.raw.includes('0912345678') && m.from === 'platform@example.gov.tw')).toBe(true);
  });

  it('follows each unit’s own deadlines, set by its supervisor', async () => {
    const path = `/api/v1/units/${unit.unitId}/deadline-policy`;
    expect((await t.http().get(path).set(bearer(unit.tokens.officer)).expect(200)).body.departmentAnswerWorkingDays).toBe(7);
    await t.http().put(path).set(bearer(unit.tokens.officer)).send({ departmentAnswerWorkingDays: 3 }).expect(403);
    expect((await t.http().put(path).set(bearer(unit.tokens.supervisor)).send({ departmentAnswerWorkingDays: 0 }).expect(400)).body.details[0].field).toBe('departmentAnswerWorkingDays');
    const policy = await t.http().put(path).set(bearer(unit.tokens.supervisor)).send({ departmentAnswerWorkingDays: 3 }).expect(200);
    expect(policy.body).toMatchObject({ departmentAnswerWorkingDays: 3, citizenReplyDays: 30 });
    t.clock.set('2026-11-27T02:00:00Z');
    const { id } = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, handlingOpinion: undefined }).expect(201)).body;
    const routed = await t.http().post(`/api/v1/reflections/${id}/route`).set(bearer(unit.tokens.officer)).send({ departments: ['工務課'] }).expect(200);
    const state = await t.http().get(`/api/v1/reflections/${id}?minPosition=${routed.body.position}`).set(bearer(unit.tokens.officer)).expect(200);
    expect(state.body.departments[0].dueOn).toBe('2026-12-02'); // Friday + 3 working days
    await t.http().put(path).set(bearer(unit.tokens.supervisor)).send({}).expect(200);
  });

  it('stops reminding once the obligation is met, and shows the operators’ counts', async () => {
    t.clock.set('2026-11-27T02:00:00Z');
    const { id } = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, handlingOpinion: undefined }).expect(201)).body;
    const replied = await t.http().post(`/api/v1/reflections/${id}/citizen-replies`).set(bearer(unit.tokens.officer)).send({ channel: 'phone', content: '已回復' }).expect(200);
    await t.http().get(`/api/v1/health?minPosition=${replied.body.position}`).expect(200);
    expect((await history(id)).filter((e) => e.type === 'FollowUpReminderIssued')).toEqual([]);

    const stats = await t.http().get('/api/v1/follow-ups/stats').set(bearer(unit.tokens.supervisor)).expect(200);
    expect(stats.body).toMatchObject({ pending: 4, overdue: 2, dueToday: 0, queue: { available: true, failed: 0, active: 0 } });
    expect(stats.body.remindersLast24h).toBeGreaterThanOrEqual(0);
    // The queue holds the reminders going out within the hour: none at 10:00 in Taipei, the day's already sent.
    expect(stats.body.queue.depth).toBe(0);
    await t.http().get('/api/v1/follow-ups/stats').set(bearer(unit.tokens.officer)).expect(403);
  });

  it('follows an extended deadline: reminders for the new due date, none for the old one or a withdrawn department', async () => {
    t.clock.set('2026-11-27T02:00:00Z');
    const post = async (path: string, body: object, token = unit.tokens.officer) => (await t.http().post(path).set(bearer(token)).send(body).expect((r) => expect(r.status).toBeLessThan(300))).body;
    const { id } = await post('/api/v1/reflections', { ...aReflection, receivedOn: '2026-11-26', handlingOpinion: undefined });
    await post(`/api/v1/reflections/${id}/route`, { departments: ['地政課'] });
    await post(`/api/v1/reflections/${id}/withdrawals`, { obligationId: 'department_answer:1', reason: '非地政課權管' });
    await post(`/api/v1/reflections/${id}/extension-requests`, { newDueOn: '2027-01-29', reason: '須俟現勘' });
    await post(`/api/v1/reflections/${id}/head-decisions`, { subject: 'extension', decision: 'approved' }, unit.tokens.head);
    const notified = await post(`/api/v1/reflections/${id}/citizen-notices`, { kind: 'extension', channel: 'letter', sentOn: '2026-11-27', content: '展延理由' });
    await t.http().get(`/api/v1/health?minPosition=${notified.position}`).expect(200);

    t.clock.set('2027-01-27T02:00:00Z'); // two working days before 2027-01-29
    const reminders = await eventually(async () => {
      const events = (await history(id)).filter((e) => e.type === 'FollowUpReminderIssued');
      return events.length >= 1 ? events : undefined;
    }, 'the reminder of the extended due date');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await history(id)).filter((e) => e.type === 'FollowUpReminderIssued').map((e) => [e.data.obligationId, e.data.stage, e.data.dueOn])).toEqual([
      ['citizen_reply:3', 'before_due', '2027-01-29'],
    ]);
    expect(reminders[0].data.kind).toBe('citizen_reply');
    t.clock.set('2026-11-27T02:00:00Z');
  });
});
