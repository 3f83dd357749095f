import { screensOfEveryRole, signedInPage } from '../support/browser';

/** On a 360 px phone every screen fits its width: nothing scrolls sideways. */
describe('the web application on a 360 px phone', () => {
  const { app, accounts } = screensOfEveryRole('phn');

  it.each(accounts)('%s: no screen is wider than 360 px', async (username, password) => {
    const { browser, base, caseId } = app();
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
