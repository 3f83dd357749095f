import type { Browser } from 'playwright-core';
import { ADMIN, bearer, listening, startTestApp, type TestApp, tokenFor, unitWithUsers, type UnitUsers } from '../support/test-app';
import { launchChromium, signedInPage } from '../support/browser';

/** The session ends mid-form: sign-in opens over the page, and the same submission completes with what was typed. */
describe('a session that expires while an officer types', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let unit: UnitUsers;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'EXP');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const casesNamed = async (summary: string) =>
    ((await t.http().get(`/api/v1/reflections?q=${encodeURIComponent(summary)}`).set(bearer(unit.tokens.supervisor)).expect(200)).body.items as { summary: string }[]).filter((c) => c.summary === summary);

  it('signs in on the spot and records the case once, with the typed data', async () => {
    const errors: string[] = [];
    const page = await signedInPage(browser, base, 'exp.officer', 'exp-officer-password', errors, 390);
    await page.getByRole('link', { name: '登錄反映' }).click();
    const summary = '社區公園溜滑梯損壞，孩童易受傷';
    await page.getByLabel('需求/反映等內容概述').fill(summary);
    await page.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    await page.getByLabel('反映者姓名').fill('林小華');

    // The session ends while the officer types (its token revoked, as when it expires).
    const token = await page.evaluate<string>('sessionStorage.getItem("integrity-token")');
    await t.http().post('/api/v1/auth/logout').set(bearer(token)).expect(204);

    await page.getByRole('button', { name: '送出' }).click();
    const again = page.getByRole('dialog', { name: '登入已逾時，請重新登入' });
    await again.waitFor();
    await again.getByLabel('密碼').fill('not-the-password');
    await again.getByRole('button', { name: '登入並繼續' }).click();
    await again.getByRole('alert').waitFor();
    await again.getByLabel('密碼').fill('exp-officer-password');
    await again.getByRole('button', { name: '登入並繼續' }).click();
    await page.getByRole('heading', { name: summary }).waitFor();
    expect(await again.isVisible()).toBe(false);
    expect(await casesNamed(summary)).toHaveLength(1);
    await page.close();
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  }, 120_000);

  it('signs out when the officer cancels, the typed data not sent', async () => {
    const errors: string[] = [];
    const page = await signedInPage(browser, base, 'exp.officer', 'exp-officer-password', errors);
    await page.getByRole('link', { name: '登錄反映' }).click();
    await page.getByLabel('需求/反映等內容概述').fill('取消後不送出的案件');
    await page.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    const token = await page.evaluate<string>('sessionStorage.getItem("integrity-token")');
    await t.http().post('/api/v1/auth/logout').set(bearer(token)).expect(204);
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByRole('dialog', { name: '登入已逾時，請重新登入' }).getByRole('button', { name: '取消並登出' }).click();
    await page.getByRole('button', { name: '登入' }).waitFor();
    expect(await casesNamed('取消後不送出的案件')).toHaveLength(0);
    await page.close();
  }, 120_000);
});
