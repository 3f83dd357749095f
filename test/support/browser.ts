import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`), headless, kept off the network beyond this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
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
  await page.goto(base);
  await page.getByLabel('帳號').fill(username);
  await page.getByLabel('密碼').fill(password);
  await page.getByRole('button', { name: '登入' }).click();
  await page.getByRole('navigation', { name: '主選單' }).waitFor();
  return page;
}

/** Every confirmation the signed-in tabs were asked, in order. */
export const confirmations: string[] = [];

/** Opens one action of the case screen (one form at a time) and answers its form. */
export async function openAction(page: Page, title: string): Promise<Locator> {
  const form = page.getByRole('form', { name: title, exact: true });
  if (!(await form.isVisible())) await page.getByRole('group', { name: '辦理項目' }).getByRole('button', { name: title, exact: true }).click();
  return form;
}
