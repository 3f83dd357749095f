import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM } from './chromium';
import { ADMIN, aReflection, bearer, listening, passwordOf, startTestApp, tokenFor, unitWithUsers, type TestApp } from './test-app';

/**
 * Chromium for a test file: the run's shared one (test/support/shared-browser.ts) when Jest started it, else one of
 * its own. Closing it closes the file's contexts, not the shared browser.
 */
export function launchChromium(): Promise<Browser> {
  const shared = process.env.INTEGRITY_TEST_BROWSER;
  return shared ? chromium.connect(shared) : chromium.launch(CHROMIUM);
}

/** A new tab signed in as `username`, its console errors and uncaught page errors collected into `errors`. */
export async function signedInPage(browser: Browser, base: string, username: string, password: string, errors: string[], width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (message) => message.type() === 'error' && errors.push(`${username}: ${message.text()}`));
  page.on('pageerror', (error) => errors.push(`${username}: ${error.message}`));
  // What cannot be undone asks first; the tests say yes, and keep what was asked.
  page.on('dialog', (dialog) => {
    confirmations.push(dialog.message());
    void dialog.accept();
  });
  await signIn(page, base, username, password);
  return page;
}

/** Signs `page` in at `base` as `username`, as a person does on the sign-in screen; waits for the main menu. */
export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(base);
  await page.getByLabel('帳號').fill(username);
  await page.getByLabel('密碼').fill(password);
  await page.getByRole('button', { name: '登入' }).click();
  await page.getByRole('navigation', { name: '主選單' }).waitFor();
}

/** Every confirmation the signed-in tabs were asked, in order. */
export const confirmations: string[] = [];

/** Opens one action of the case screen (one form at a time) and answers its form. */
export async function openAction(page: Page, title: string): Promise<Locator> {
  const form = page.getByRole('form', { name: title, exact: true });
  if (!(await form.isVisible())) await page.getByRole('group', { name: '辦理項目' }).getByRole('button', { name: title, exact: true }).click();
  return form;
}

/** Does one action of the case screen: opens its form, fills it, sends it, and waits for `inTimeline` in the timeline. */
export async function actOnCase(page: Page, title: string, fill: (form: Locator) => Promise<void>, inTimeline: string): Promise<void> {
  const form = await openAction(page, title);
  await fill(form);
  await form.getByRole('button', { name: title, exact: true }).click();
  await page.locator('.timeline').getByText(inTimeline).last().waitFor();
}

/**
 * The setup of the tests that walk every screen of every role: the app listening, a unit (`code`) with a user of
 * each role and one case, and Chromium, made before the file's tests and closed after them.
 */
export function screensOfEveryRole(code: string): { app: () => { t: TestApp; browser: Browser; base: string; caseId: string }; accounts: [string, string][] } {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    const unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), code.toUpperCase());
    caseId = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body.id;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });
  const accounts: [string, string][] = [[ADMIN.username, ADMIN.password], ...['supervisor', 'head', 'officer'].map((role): [string, string] => [`${code}.${role}`, passwordOf(`${code}.${role}`)])];
  return { app: () => ({ t, browser, base, caseId }), accounts };
}
