import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../support/polling';
import { tempDir } from '../support/temp-dir';
import { aacAuditor, ADMIN, aReflection, bearer, passwordOf, startTestApp, tokenFor, unitWithUsers, type TestApp } from '../support/test-app';

/** The sources of truth: the event log, the personal-data keys, the token secret. Every other file may go. */
const SOURCES_OF_TRUTH = ['events.sqlite', 'personal-data-keys.sqlite', 'jwt-secret', 'receipt-secret'];

/**
 * issue 11: only the log is truth. Units, users, roles, deadline policies, security events and notification
 * readings are facts in it; cases, reports and the reminders sent are too.
 */
describe('a data directory with only its sources of truth', () => {
  const dir = tempDir('only-the-log');
  // The app running when a step fails, closed here so the run ends.
  let running: TestApp | undefined;
  afterAll(async () => {
    await running?.close();
    dir.remove();
  });

  it('loses nothing when every other file is deleted while the app is stopped: units, users, sign-in, cases, reports, reminders', async () => {
    const first: TestApp = await startTestApp(dir.path);
    running = first;
    const admin = await tokenFor(first, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(first, admin, 'LOG');
    const auditor = await aacAuditor(first, admin, 'log.aac');
    const http = (t: TestApp, path: string, token: string) => t.http().get(`/api/v1${path}`).set(bearer(token)).expect(200);
    const reflection = await first.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201);
    await first.http().put(`/api/v1/units/${unit.unitId}/deadline-policy`).set(bearer(unit.tokens.supervisor)).send({ departmentAnswerWorkingDays: 3 }).expect(200);
    const users = (await http(first, '/users', admin)).body.items as { id: string; username: string }[];
    const byName = (name: string) => users.find((user) => user.username === name)?.id as string;
    await first.http().post(`/api/v1/users/${byName('log.volunteer')}/deactivate`).set(bearer(admin)).expect(200);
    await first.http().put(`/api/v1/users/${byName('log.head')}/roles`).set(bearer(admin)).send({ roles: ['agency_head', 'volunteer'] }).expect(200);
    await first.http().post('/api/v1/auth/token').send({ username: 'log.officer', password: 'not-the-password' }).expect(401);
    // A case received on 10/1 and left unanswered: by 11/27 its reminders collapse into the latest escalation,
    // which goes to the supervisor, who reads it.
    first.clock.set('2026-10-01T02:00:00Z');
    await first.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, receivedOn: '2026-10-01', handlingOpinion: undefined }).expect(201);
    first.clock.set('2026-11-27T02:00:00Z');
    const inbox = async (t: TestApp, token: string) => (await http(t, '/notifications', token)).body as { items: { id: string }[]; unread: number };
    await until(async () => (await inbox(first, unit.tokens.supervisor)).items.length === 1, 'the escalation to go out');
    await first.http().post(`/api/v1/notifications/${(await inbox(first, unit.tokens.supervisor)).items[0].id}/read`).set(bearer(unit.tokens.supervisor)).expect(200);
    const drafted = await first.http().post('/api/v1/reports/biweekly/2026-11-09/draft').set(bearer(unit.tokens.officer)).send({}).expect(200);
    await first.http().get(`/api/v1/health?minPosition=${drafted.body.position}`).expect(200);

    const seen = async (t: TestApp, officer: string, adminToken: string, auditorToken: string, supervisor: string) => ({
      officerInbox: await inbox(t, officer),
      supervisorInbox: await inbox(t, supervisor),
      units: (await http(t, '/units', adminToken)).body,
      users: (await http(t, '/users', adminToken)).body,
      policy: (await http(t, `/units/${unit.unitId}/deadline-policy`, officer)).body,
      reflection: (await http(t, `/reflections/${reflection.body.id}`, officer)).body,
      followUps: (await http(t, '/follow-ups', officer)).body,
      report: (await http(t, '/reports/biweekly?periodStart=2026-11-09', officer)).body,
      submissions: (await http(t, '/reports/submissions?periodStart=2026-11-09', auditorToken)).body,
      securityEvents: (await http(t, '/security-events', adminToken)).body,
    });
    const before = await seen(first, unit.tokens.officer, admin, auditor, unit.tokens.supervisor);
    expect([before.supervisorInbox.items.length, before.supervisorInbox.unread]).toEqual([1, 0]);
    running = undefined;
    await first.close();

    const deleted = readdirSync(dir.path).filter((file) => !SOURCES_OF_TRUTH.includes(file));
    expect(deleted).toContain('read-models.sqlite');
    for (const file of deleted) rmSync(join(dir.path, file), { recursive: true, force: true });

    const second = await startTestApp(dir.path);
    running = second;
    await until(async () => (await second.http().get('/api/v1/health')).body.projection?.caughtUp === true, 'the read models to be rebuilt from the log');
    const officer = await tokenFor(second, 'log.officer', passwordOf('log.officer'));
    const adminAgain = await tokenFor(second, ADMIN.username, ADMIN.password);
    const auditorAgain = await tokenFor(second, 'log.aac', 'log-aac-auditor-password');
    // Tokens issued before are still good: the token secret is a source of truth, and the users are back.
    await http(second, '/auth/me', unit.tokens.supervisor);
    expect(await seen(second, officer, adminAgain, auditorAgain, unit.tokens.supervisor)).toEqual(before);
    await second.http().post('/api/v1/auth/token').send({ username: 'log.volunteer', password: passwordOf('log.volunteer') }).expect(401);
    expect((await http(second, '/auth/me', await tokenFor(second, 'log.head', passwordOf('log.head')))).body.roles).toEqual(['agency_head', 'volunteer']);
    await second.http().post('/api/v1/units').set(bearer(adminAgain)).send({ code: 'LOG', name: '重複', agencyName: '重複' }).expect(409);
    await second.http().post('/api/v1/users').set(bearer(adminAgain)).send({ username: 'LOG.Officer', password: 'another-long-password', displayName: 'x', unitId: unit.unitId, roles: ['ethics_officer'] }).expect(409);
    running = undefined;
    await second.close();
  }, 300_000);

  it('builds units, users and cases again from another log put in its place, instead of applying it on top', async () => {
    const other = tempDir('only-the-log-other');
    try {
      const elsewhere = await startTestApp(other.path);
      running = elsewhere;
      const otherAdmin = await tokenFor(elsewhere, ADMIN.username, ADMIN.password);
      const otherUnit = await unitWithUsers(elsewhere, otherAdmin, 'OTHER');
      const case1 = await elsewhere.http().post('/api/v1/reflections').set(bearer(otherUnit.tokens.officer)).send({ ...aReflection, summary: '另一份日誌的案件' }).expect(201);
      await elsewhere.http().get(`/api/v1/health?minPosition=${case1.body.position}`).expect(200);
      running = undefined;
      await elsewhere.close();
      // The first test's directory now holds the other log (and its keys): a restore of the wrong backup, or a
      // move to another store, under read models built from the first log.
      for (const file of readdirSync(dir.path).filter((name) => name.startsWith('events.sqlite') || name.startsWith('personal-data-keys.sqlite'))) rmSync(join(dir.path, file));
      for (const file of readdirSync(other.path).filter((name) => name.startsWith('events.sqlite') || name.startsWith('personal-data-keys.sqlite'))) copyFileSync(join(other.path, file), join(dir.path, file));

      const moved = await startTestApp(dir.path);
      running = moved;
      await until(async () => (await moved.http().get('/api/v1/health')).body.projection?.caughtUp === true, 'the read models to be rebuilt from the other log');
      const admin = await tokenFor(moved, ADMIN.username, ADMIN.password);
      const units = (await moved.http().get('/api/v1/units').set(bearer(admin)).expect(200)).body.items as { code: string }[];
      expect(units.map((unit) => unit.code).sort()).toEqual(['OTHER']);
      await moved.http().post('/api/v1/auth/token').send({ username: 'log.officer', password: passwordOf('log.officer') }).expect(401);
      const officer = await tokenFor(moved, 'other.officer', passwordOf('other.officer'));
      const cases = (await moved.http().get('/api/v1/reflections').set(bearer(officer)).expect(200)).body.items as { id: string; summary: string }[];
      expect(cases.map((c) => [c.id, c.summary])).toEqual([[case1.body.id, '另一份日誌的案件']]);
      expect((await moved.http().get(`/api/v1/reflections/${case1.body.id}`).set(bearer(officer)).expect(200)).body.revision).toBe(case1.body.revision);
      running = undefined;
      await moved.close();
    } finally {
      other.remove();
    }
  }, 300_000);
});
