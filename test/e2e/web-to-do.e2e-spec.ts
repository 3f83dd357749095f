import type { Browser } from 'playwright-core';
import { launchChromium, signedInPage } from '../support/browser';
import { eventually } from '../support/polling';
import { ADMIN, aReflection, bearer, listening, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** Each role's 待辦: the officer's overdue obligations, the supervisor's escalations, one click from the case. */
describe('every role’s to-do list', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let unit: UnitUsers;
  const summary = '中港路排水溝堵塞，雨天積水';

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'TOD');
    // Routed to a department three weeks ago: its answer (7 working days) is long overdue today.
    t.clock.set('2026-11-02T02:00:00Z');
    const { id } = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, summary, receivedOn: '2026-11-02' }).expect(201)).body;
    await t.http().post(`/api/v1/reflections/${id}/route`).set(bearer(unit.tokens.officer)).send({ departments: ['工務課'] }).expect(200);
    t.clock.set('2026-11-27T02:00:00Z');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('shows the officer the overdue answer and the supervisor its escalation, each leading to the case', async () => {
    const errors: string[] = [];
    const officer = await signedInPage(browser, base, 'tod.officer', 'tod-officer-password', errors);
    await officer.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '待辦' }).click();
    const overdue = officer.getByRole('region', { name: '已逾期' });
    await overdue.getByText(/逾期\d+日.*業務單位答復（工務課）/).waitFor();
    await overdue.getByRole('link', { name: summary }).click();
    await officer.getByRole('heading', { name: summary }).waitFor();
    await officer.close();

    const supervisor = await signedInPage(browser, base, 'tod.supervisor', 'tod-supervisor-password', errors);
    await eventually(async () => {
      await supervisor.goto(`${base}/to-do`);
      const escalations = supervisor.getByRole('region', { name: '逾期催辦' });
      await escalations.getByRole('heading').waitFor();
      return (await escalations.getByRole('link', { name: '查看案件' }).count()) > 0 ? true : undefined;
    }, 'the escalation in the supervisor’s to-do list');
    await supervisor.getByRole('region', { name: '逾期催辦' }).getByText(/逾期催辦（第\d+次）.*工務課/).waitFor();
    await supervisor.close();
    expect(errors).toEqual([]);
  }, 180_000);
});
