import type { Browser } from 'playwright-core';
import { ADMIN, aReflection, bearer, listening, startTestApp, type TestApp, tokenFor, unitWithUsers } from '../support/test-app';
import { launchChromium, signedInPage } from '../support/browser';

/** On a 360 px phone every screen fits its width: nothing scrolls sideways. */
describe('the web application on a 360 px phone', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(t, admin, 'PHN');
    caseId = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body.id;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it.each([
    ['admin', ADMIN.password],
    ['phn.supervisor', 'phn-supervisor-password'],
    ['phn.head', 'phn-head-password'],
    ['phn.officer', 'phn-officer-password'],
  ])('%s: no screen is wider than 360 px', async (username, password) => {
    const errors: string[] = [];
    const page = await signedInPage(browser, base, username, password, errors, 360);
    const links = await page.getByRole('navigation', { name: '主選單' }).getByRole('link').evaluateAll((all) => all.map((a) => a.getAttribute('href') as string));
    const paths = [...links, ...(links.includes('/cases') ? [`/cases/${caseId}`] : [])];
    const widths: { path: string; width: number }[] = [];
    for (const path of paths) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      widths.push({ path, width: await page.evaluate<number>('document.documentElement.scrollWidth') });
    }
    await page.close();
    expect(widths.filter(({ width }) => width > 360)).toEqual([]);
  }, 120_000);
});
