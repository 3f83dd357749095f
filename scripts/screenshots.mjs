// `npm run screenshots`: every screen at 1280 and 768 px wide, into screenshots/ (git-ignored), from the built
// product on a fresh DATA_DIR with a little data of its own.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORDS, seedDemo, startProduct } from './demo-product.mjs';

const out = join(process.cwd(), 'screenshots');
mkdirSync(out, { recursive: true });

const { base, call, stop } = await startProduct(3931);
try {
  const { reflectionId } = await seedDemo(call);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  for (const width of [1280, 768]) {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    await page.goto(base);
    await page.screenshot({ path: join(out, `sign-in-${width}.png`), fullPage: true });
    await page.getByLabel('帳號').fill('supervisor');
    await page.getByLabel('密碼').fill(DEMO_PASSWORDS.supervisor);
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('navigation', { name: '主選單' }).waitFor();
    for (const [name, path] of [['cases', '/cases'], ['record', '/cases/new'], ['case', `/cases/${reflectionId}`], ['case-as-of', `/cases/${reflectionId}?revision=1`], ['audit', '/audit'], ['report', '/reports'], ['follow-ups', '/follow-ups'], ['dashboard', '/dashboard'], ['hotspots', '/hotspots'], ['imports', '/imports'], ['registers', '/registers'], ['plans', '/plans'], ['notifications', '/notifications'], ['admin', '/admin'], ['to-do', '/to-do'], ['outbox', '/outbox'], ['public', '/public'], ['status', '/status']]) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
    }
    await page.close();
  }
  await browser.close();
  console.log(`Screenshots in ${out}`);
} finally {
  await stop();
}
