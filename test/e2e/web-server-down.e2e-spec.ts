import { screensOfEveryRole, signedInPage } from '../support/browser';

/** What an empty list says: never shown when the list could not be loaded at all. */
const EMPTY = /沒有符合|目前沒有|尚無/;

/**
 * The server stops while people are signed in: every screen that loads data says so in Traditional Chinese, never
 * an exception's text, never an empty list as if the data were gone.
 */
describe('the web application with its server stopped', () => {
  const { app, accounts } = screensOfEveryRole('off');

  it.each(accounts)('%s: every screen says the server cannot be reached, in words', async (username, password) => {
    const { browser, base } = app();
    const errors: string[] = [];
    const page = await signedInPage(browser, base, username, password, errors);
    const links = await page.getByRole('navigation', { name: '主選單' }).getByRole('link').evaluateAll((all) => all.map((a) => ({ name: a.textContent as string, href: a.getAttribute('href') as string })));
    // Everything the server answers now fails as with a stopped server: the connection refused.
    await page.route('**/*', (route) => route.abort('connectionrefused'));
    const seen: { screen: string; text: string }[] = [];
    // Last to first: the screen shown at sign-in (loaded while the server ran) is left first and opened again last.
    for (const link of links.reverse()) {
      const nav = page.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: link.name, exact: true });
      if (!(await nav.isVisible())) {
        seen.push({ screen: link.name, text: `NO NAVIGATION: ${(await page.locator('body').innerText()).replace(/\s+/g, ' ')}` });
        break;
      }
      await nav.click();
      await page.getByRole('alert').first().waitFor({ timeout: 10_000 }).catch(() => undefined);
      seen.push({ screen: link.name, text: (await page.locator('body').innerText({ timeout: 5_000 })).replace(/\s+/g, ' ') });
    }
    await page.close();
    for (const { screen, text } of seen) {
      // Screens that load nothing (the record form) have nothing to say about the server until they send.
      if (screen === '登錄反映') continue;
      expect({ screen, saysUnreachable: text.includes('無法連線') }).toEqual({ screen, saysUnreachable: true });
      expect({ screen, empty: EMPTY.exec(text)?.[0] ?? null }).toEqual({ screen, empty: null });
      expect({ screen, exception: /TypeError|Failed to fetch|undefined|null|NaN/.exec(text)?.[0] ?? null }).toEqual({ screen, exception: null });
    }
  }, 120_000);
});
