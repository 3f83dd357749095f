import type { Browser } from 'playwright-core';
import { until } from '../support/polling';
import { aacAuditor, ADMIN, aReflection, bearer, listening, startTestApp, type TestApp, tokenFor, unitWithUsers } from '../support/test-app';
import { launchChromium, signedInPage } from '../support/browser';

/** Every role opens every screen its navigation offers: no uncaught page error, no console error, no failed request. */
describe('every screen of every role', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(t, admin, 'ROL');
    unitId = unit.unitId;
    await aacAuditor(t, admin, 'rol.aac');
    await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it.each([
    ['admin', ADMIN.password],
    ['rol.aac', 'rol-aac-auditor-password'],
    ['rol.supervisor', 'rol-supervisor-password'],
    ['rol.head', 'rol-head-password'],
    ['rol.officer', 'rol-officer-password'],
    ['rol.volunteer', 'rol-volunteer-password'],
  ])('%s', async (username, password) => {
    const errors: string[] = [];
    const page = await signedInPage(browser, base, username, password, errors);
    page.on('response', (response) => response.status() >= 400 && errors.push(`${username}: ${response.status()} ${new URL(response.url()).pathname}`));
    const links = await page.getByRole('navigation', { name: '主選單' }).getByRole('link').evaluateAll((all) => all.map((a) => ({ name: a.textContent, href: a.getAttribute('href') })));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      await page.goto(`${base}${link.href}`);
      await page.waitForLoadState('networkidle');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    const firstCase = page.getByRole('link', { name: aReflection.summary });
    if (links.some((l) => l.href === '/cases')) {
      await page.goto(`${base}/cases`);
      await firstCase.click();
      await page.getByRole('heading', { name: aReflection.summary }).waitFor();
      await page.waitForLoadState('networkidle');
    }
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('lets the AAC open any unit’s report for a chosen period, the roster beside it, and see each case’s unit', async () => {
    const errors: string[] = [];
    const aac = await signedInPage(browser, base, 'rol.aac', 'rol-aac-auditor-password', errors);
    await aac.getByRole('link', { name: '彙報表' }).click();
    await aac.getByLabel('政風機構').selectOption({ label: 'ROL政風室' });
    await aac.getByLabel('統計期間').selectOption('2026-11-23');
    await aac.getByRole('region', { name: '彙報表' }).getByText('ROL政風室115年12月辦理村里廉政平臺工作成果彙報表').waitFor();
    // Nothing submitted yet: the AAC reads no draft.
    await aac.getByRole('region', { name: '彙報表' }).getByText('本機關尚未報送本期彙報表。').waitFor();
    expect(await aac.getByRole('region', { name: '彙報表' }).getByText('計1案').count()).toBe(0);
    await aac.getByRole('region', { name: '報送情形' }).getByRole('row', { name: /ROL政風室 未擬稿/ }).waitFor();
    expect(await aac.getByRole('button', { name: '擬稿' }).count()).toBe(0);

    await aac.getByRole('link', { name: '案件' }).click();
    await aac.getByRole('row', { name: new RegExp(`ROL政風室.*${aReflection.summary}`) }).waitFor();
    await aac.getByLabel('政風機構').selectOption({ label: 'ROL政風室' });
    await aac.waitForURL(/unitId=/);
    await aac.getByLabel('受理日期起（民國，如 115/11/01）').fill('115/13/01');
    await aac.getByRole('button', { name: '查詢' }).click();
    await aac.getByText('請以民國年月日填寫，例如 115/11/01。').waitFor();
    await aac.getByLabel('受理日期起（民國，如 115/11/01）').fill('115/11/27');
    await aac.getByLabel('受理日期起（民國，如 115/11/01）').press('Enter');
    await aac.waitForURL(/receivedFrom=2026-11-27/);
    await aac.getByText('沒有符合的案件').waitFor();
    await aac.close();
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  }, 120_000);

  it('gives a supervisor on screen only its officers and volunteers to manage, and the administrator every role but its own', async () => {
    const errors: string[] = [];
    const supervisor = await signedInPage(browser, base, 'rol.supervisor', 'rol-supervisor-password', errors);
    await supervisor.getByRole('link', { name: '系統管理' }).click();
    const rows = supervisor.getByRole('region', { name: '使用者' }).getByRole('row');
    await rows.filter({ hasText: 'rol.officer' }).getByRole('button', { name: '變更角色' }).waitFor();
    expect(await rows.filter({ hasText: 'rol.officer' }).getByRole('combobox').locator('option').allTextContents()).toEqual(['政風同仁', '廉政志工']);
    // The head's account and the supervisor's own are not theirs to change.
    expect(await rows.filter({ hasText: 'rol.head' }).getByRole('button').count()).toBe(0);
    await rows.filter({ hasText: 'rol.supervisor' }).getByText('（本人，請洽其他系統管理員）').waitFor();
    expect(await supervisor.getByRole('form', { name: '新增使用者' }).getByLabel('角色').locator('option').allTextContents()).toEqual(['政風同仁', '廉政志工']);
    // The form works with its drop-downs as they open: the supervisor's unit, the first role offered.
    const create = supervisor.getByRole('form', { name: '新增使用者' });
    await create.getByLabel('帳號', { exact: true }).fill('rol.newcomer');
    await create.getByLabel('姓名').fill('ROL newcomer');
    await create.getByLabel(/初始密碼/).fill('Newcomer-Passphrase-2026!');
    await create.getByRole('button', { name: '新增使用者' }).click();
    await supervisor.getByRole('status').getByText('已完成：新增使用者').waitFor();
    await rows.filter({ hasText: 'rol.newcomer' }).getByText('政風同仁').first().waitFor();
    await supervisor.close();

    const admin = await signedInPage(browser, base, 'admin', ADMIN.password, errors);
    await admin.getByRole('link', { name: '系統管理' }).click();
    const adminRows = admin.getByRole('region', { name: '使用者' }).getByRole('row');
    const volunteer = adminRows.filter({ hasText: 'rol.volunteer' });
    await volunteer.getByRole('combobox').selectOption({ label: '政風同仁' });
    await volunteer.getByRole('button', { name: '變更角色' }).click();
    await admin.getByRole('status').getByText('已變更ROL volunteer的角色').waitFor();
    await volunteer.getByText('政風同仁').first().waitFor();
    // The administrator grants the head's role (and takes it back below).
    const officer = adminRows.filter({ hasText: 'rol.officer' });
    await officer.getByRole('combobox').selectOption({ label: '機關首長' });
    await officer.getByRole('button', { name: '變更角色' }).click();
    await admin.getByRole('status').getByText('已變更ROL officer的角色').waitFor();
    await adminRows.filter({ hasText: 'admin' }).first().getByText('（本人，請洽其他系統管理員）').waitFor();
    await adminRows.filter({ hasText: 'rol.head' }).getByRole('button', { name: '解除登入鎖定' }).click();
    await admin.getByRole('status').getByText('已解除ROL head的登入鎖定').waitFor();
    // Put back what the other tests of this file sign in as.
    await officer.getByRole('combobox').selectOption({ label: '政風同仁' });
    await officer.getByRole('button', { name: '變更角色' }).click();
    await admin.getByRole('status').getByText('已變更ROL officer的角色').waitFor();
    await volunteer.getByRole('combobox').selectOption({ label: '廉政志工' });
    await volunteer.getByRole('button', { name: '變更角色' }).click();
    await admin.getByRole('status').getByText('已變更ROL volunteer的角色').waitFor();
    await admin.close();
    expect(errors).toEqual([]);
  }, 120_000);

  it('lets the administrator deactivate a user, reactivate them and reset their password on screen; the user signs in with it and must change it first', async () => {
    const errors: string[] = [];
    const adminToken = await tokenFor(t, ADMIN.username, ADMIN.password);
    await t.http().post('/api/v1/users').set(bearer(adminToken)).send({ username: 'rol.leaver', password: 'rol-leaver-password', displayName: 'ROL leaver', unitId, roles: ['ethics_officer'] }).expect(201);
    const admin = await signedInPage(browser, base, 'admin', ADMIN.password, errors);
    await admin.getByRole('link', { name: '系統管理' }).click();
    const leaver = admin.getByRole('region', { name: '使用者' }).getByRole('row').filter({ hasText: 'rol.leaver' });
    await leaver.getByRole('button', { name: '停用' }).click();
    await admin.getByRole('status').getByText('已停用ROL leaver').waitFor();
    await leaver.getByText('已停用').waitFor();
    expect(await leaver.getByRole('button', { name: '變更角色' }).count()).toBe(0);
    await leaver.getByRole('button', { name: '恢復使用' }).click();
    await admin.getByRole('status').getByText('已恢復ROL leaver的帳號').waitFor();
    await leaver.getByText('使用中').waitFor();
    await leaver.getByRole('button', { name: '重設密碼' }).click();
    const temporary = (await leaver.getByRole('status').locator('code').textContent()) as string;
    expect(temporary).toMatch(/^[\w-]{24}$/);
    await admin.close();

    const page = await browser.newPage();
    await page.goto(base);
    await page.getByLabel('帳號').fill('rol.leaver');
    await page.getByLabel('密碼').fill('rol-leaver-password');
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('密碼').fill(temporary);
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('heading', { name: '請先變更初始密碼' }).waitFor();
    await page.getByLabel('目前密碼').fill(temporary);
    await page.getByLabel('新密碼').fill('a-leaver-comes-back-2026');
    await page.getByRole('button', { name: '變更密碼' }).click();
    await page.getByRole('button', { name: '登入' }).waitFor();
    await page.close();
    await tokenFor(t, 'rol.leaver', 'a-leaver-comes-back-2026');
    expect(errors).toEqual([]);
  }, 120_000);

  it('loads the first screens’ font slice alone on the sign-in page, and the full font only for text beyond the screens’ own', async () => {
    const page = await browser.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await page.goto(base);
    await page.getByRole('button', { name: '登入' }).waitFor();
    await page.waitForLoadState('networkidle');
    const preloaded = await page.locator('link[rel="preload"][as="font"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(preloaded).toEqual([expect.stringMatching(/^\/assets\/noto-sans-tc-ui-first-400-[\w-]+\.woff2$/)]);
    expect(fetched.filter((path) => /\.(woff2?|css)$/.test(path)).map((path) => path.replace(/-[\w-]{8}\./, '.'))).toEqual(
      expect.arrayContaining(['/assets/noto-sans-tc-ui-first-400.woff2']),
    );
    expect(fetched.filter((path) => /full-font|noto-sans-tc-\d+-400-normal|noto-sans-tc-ui-rest/.test(path))).toEqual([]);

    // 延宕 is in no screen's text: the case list showing the summary brings the full font's stylesheet and a slice of it.
    await page.getByLabel('帳號').fill('rol.officer');
    await page.getByLabel('密碼').fill('rol-officer-password');
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('link', { name: aReflection.summary }).waitFor();
    // The slice is fetched once the stylesheet is applied and the text laid out: waited for, however slow the machine.
    await until(() => fetched.some((path) => /^\/assets\/noto-sans-tc-\d+-400-normal-[\w-]+\.woff2$/.test(path)), 'the full font’s slice for 延宕');
    expect(fetched.some((path) => /^\/assets\/full-font-[\w-]+\.css$/.test(path))).toBe(true);
    await page.close();
  }, 120_000);

  it('sends hashed assets compressed and cached for a year, and index.html revalidated', async () => {
    const index = await fetch(`${base}/cases`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1] as string;
    for (const [accepted, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip']]) {
      const asset = await fetch(`${base}${script}`, { headers: { 'Accept-Encoding': accepted } });
      expect([asset.status, asset.headers.get('content-encoding'), asset.headers.get('cache-control'), asset.headers.get('content-type')]).toEqual([
        200,
        encoding,
        'public, max-age=31536000, immutable',
        'text/javascript; charset=utf-8',
      ]);
      expect((await asset.text()).length).toBeGreaterThan(10_000);
    }
  });
});
