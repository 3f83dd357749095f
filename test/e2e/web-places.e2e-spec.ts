import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { axeViolations } from '../support/axe';
import { launchChromium, signedInPage } from '../support/browser';
import { eventually } from '../support/polling';
import { ADMIN, bearer, listening, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** An old site whose village is not in the register: the administrator chooses it on screen. */
describe('placing old sites in the village register on screen', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let unit: UnitUsers;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'PLW');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('lists the site with the nearest villages, and the administrator’s choice places it', async () => {
    const siteId = randomUUID();
    const data = { siteId, unitId: unit.unitId, type: 'village_office', name: '舊公園里辦公處', county: '臺中市', township: '西區', village: '公園里', contact: null };
    await t.app.get<EventStore>(EVENT_STORE).append(`site-${siteId}`, [{ id: randomUUID(), type: 'SiteRegistered', schemaVersion: 1, data, metadata: { actorId: 'earlier-release', unitId: unit.unitId, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() } }], 'no_stream');
    const errors: string[] = [];
    const admin = await signedInPage(browser, base, 'admin', ADMIN.password, errors);
    const waiting = admin.getByRole('region', { name: '平臺地點村里待確認' });
    await eventually(async () => {
      await admin.goto(`${base}/admin`);
      await admin.getByRole('heading', { name: '系統管理' }).waitFor();
      await admin.getByRole('region', { name: '使用者' }).getByRole('table').waitFor();
      return (await waiting.count()) > 0 ? true : undefined;
    }, 'the old site waiting for its village');
    const form = waiting.getByRole('form', { name: '確認「舊公園里辦公處」的村里' });
    await form.getByText(/原登錄：臺中市西區公園里；相近：/).waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await form.getByLabel('搜尋村里（村里、鄉鎮市區或縣市名稱）').fill('西區 公正');
    await form.getByRole('option', { name: '臺中市西區公正里' }).waitFor({ state: 'attached' });
    await form.getByRole('combobox').selectOption({ label: '臺中市西區公正里' });
    await form.getByRole('button', { name: '確認「舊公園里辦公處」的村里' }).click();
    await waiting.waitFor({ state: 'detached' });
    const site = (await t.http().get(`/api/v1/sites/${siteId}`).set(bearer(unit.tokens.officer)).expect(200)).body;
    expect(site).toMatchObject({ village: '公正里', villageCode: expect.stringMatching(/^\d{11}$/) });
    await admin.close();
    expect(errors).toEqual([]);
  }, 120_000);
});
