import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { actOnCase, confirmations, launchChromium, signedInPage } from '../support/browser';
import { eventually } from '../support/polling';
import { listening, startTestApp, type TestApp } from '../support/test-app';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
/** The README's "The first ten minutes", the steps this test walks. */
const steps = /## The first ten minutes\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

/**
 * A newcomer's first ten minutes, as the README tells them: the first administrator's password from its file, a unit
 * and its people, a site and a case, the case's next step and 待辦, the dashboard, and the biweekly report through the
 * head to the AAC. Every screen name the README sends a newcomer to is one this test clicks.
 */
describe('the README’s first ten minutes, on screen', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const errors: string[] = [];
  const summary = '南榮路路燈不亮，夜間行人危險';
  const passwords: Record<string, string> = { 'ila.officer': 'lantern-by-the-river-71', 'ila.supervisor': 'harbour-wind-and-rain-52', 'ila.head': 'orchid-mountain-sunrise-38' };

  beforeAll(async () => {
    // Nobody chose the administrator's password: the product writes it to DATA_DIR/admin-password.
    t = await startTestApp(undefined, { ADMIN_PASSWORD: '' });
    base = await listening(t);
    // A Monday, the first day of a reporting period, so the report of step 5 is this unit's first.
    t.clock.set('2026-11-09T02:00:00Z');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signedIn = (username: string, password: string): Promise<Page> => signedInPage(browser, base, username, password, errors);

  it('names in its steps the screens this walk goes through', () => {
    for (const name of ['`npm ci && npm start`', '`DATA_DIR/admin-password`', '系統管理', '新增政風機構', '新增使用者', '地點與宣導', '登錄反映', '`/status`', '待辦', '儀表板', '彙報表'])
      expect(steps).toContain(name);
  });

  it('1–2: the administrator signs in with the password from its file, changes it, and adds a unit with its officer, supervisor and head', async () => {
    const password = readFileSync(join(t.dataDir, 'admin-password'), 'utf8').trim();
    const page = await browser.newPage();
    await page.goto(base);
    await page.getByLabel('帳號').fill('admin');
    await page.getByLabel('密碼').fill(password);
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('heading', { name: '請先變更初始密碼' }).waitFor();
    await page.getByLabel('目前密碼').fill(password);
    await page.getByLabel('新密碼').fill('a-newcomer-chose-this-one');
    await page.getByRole('button', { name: '變更密碼' }).click();
    await page.getByRole('button', { name: '登入' }).waitFor();
    await page.close();

    const admin = await signedIn('admin', 'a-newcomer-chose-this-one');
    await admin.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '系統管理' }).click();
    const unitForm = admin.getByRole('form', { name: '新增政風機構' });
    await unitForm.getByLabel('代碼').fill('ILA');
    await unitForm.getByLabel('政風機構全銜').fill('宜蘭縣政府政風處');
    await unitForm.getByLabel('主管機關').fill('宜蘭縣政府');
    await unitForm.getByRole('button', { name: '新增政風機構' }).click();
    await admin.getByRole('region', { name: '政風機構' }).getByText('宜蘭縣政府政風處（ILA）').waitFor();

    const userForm = admin.getByRole('form', { name: '新增使用者' });
    for (const [username, name, role] of [
      ['ila.officer', '林政風', '政風同仁'],
      ['ila.supervisor', '陳主管', '政風主管'],
      ['ila.head', '張縣長', '機關首長'],
    ]) {
      await userForm.getByLabel('帳號', { exact: true }).fill(username);
      await userForm.getByLabel('姓名').fill(name);
      await userForm.getByLabel(/初始密碼/).fill(passwords[username]);
      await userForm.getByLabel('政風機構').selectOption({ label: '宜蘭縣政府政風處' });
      await userForm.getByLabel('角色').selectOption({ label: role });
      await userForm.getByRole('button', { name: '新增使用者' }).click();
      await admin.getByRole('status').getByText('已完成：新增使用者').waitFor();
      await admin.getByRole('region', { name: '使用者' }).getByRole('row').filter({ hasText: username }).getByText(role).first().waitFor();
    }
    await admin.close();
  }, 120_000);

  let caseUrl: string;

  it('3: the officer adds a site from the register and records what a citizen said; the citizen looks the case up at /status', async () => {
    const officer = await signedIn('ila.officer', passwords['ila.officer']);
    await officer.getByRole('link', { name: '地點與宣導' }).click();
    const siteForm = officer.getByRole('form', { name: '新增平臺地點' });
    await siteForm.getByLabel('名稱', { exact: true }).fill('宜蘭市南門里辦公處');
    await siteForm.getByLabel('搜尋村里（村里、鄉鎮市區或縣市名稱）').fill('宜蘭 南門');
    await siteForm.getByRole('option', { name: '宜蘭縣宜蘭市南門里' }).waitFor({ state: 'attached' });
    await siteForm.getByLabel('村里', { exact: true }).selectOption({ label: '宜蘭縣宜蘭市南門里' });
    await siteForm.getByLabel('平臺聯絡人').fill('吳里長');
    await siteForm.getByLabel('聯絡人電話').fill('03-932-1234');
    await siteForm.getByRole('button', { name: '新增平臺地點' }).click();
    await officer.getByRole('region', { name: '平臺地點' }).getByText('宜蘭市南門里辦公處（宜蘭縣宜蘭市南門里）・聯絡人 吳里長').waitFor();

    await officer.getByRole('link', { name: '登錄反映' }).click();
    await officer.getByLabel('需求/反映等內容概述').fill(summary);
    await officer.getByLabel('受理日期（民國年/月/日）').fill('115/11/9');
    await officer.getByLabel('反映者姓名').fill('游阿伯');
    await officer.getByLabel('聯絡電話').fill('0928-123-789');
    await officer.getByRole('button', { name: '送出' }).click();
    await officer.getByRole('heading', { name: summary }).waitFor();
    caseUrl = officer.url();
    const code = (await officer.getByRole('region', { name: '收執聯' }).locator('.receipt-code').first().innerText()).trim();
    await officer.close();

    const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await citizen.goto(`${base}/status`);
    await citizen.getByLabel('收執聯代碼').fill(code);
    await citizen.getByRole('textbox', { name: '電話號碼末4碼' }).fill('3789');
    await citizen.getByRole('button', { name: '查詢' }).click();
    await citizen.getByRole('heading', { name: '辦理進度：已受理' }).waitFor();
    await citizen.close();
  }, 120_000);

  it('4: the case screen suggests the next step; 待辦 lists what is due, for the officer and for the head; the case is handled and closed', async () => {
    const officer = await signedIn('ila.officer', passwords['ila.officer']);
    await officer.goto(caseUrl);
    await officer.locator('#next-step').getByText('建議下一步：').waitFor();
    await actOnCase(officer, '簽會業務單位', (f) => f.getByLabel('業務單位（以頓號分隔）').fill('工務處'), '簽會業務單位');

    // A week on, the department's answer (7 working days) is due within days: 待辦 lists it.
    t.clock.set('2026-11-16T02:00:00Z');
    await officer.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '待辦' }).click();
    await eventually(async () => {
      await officer.reload();
      const due = officer.getByRole('region', { name: '即將到期' });
      await due.getByRole('heading').waitFor();
      return (await due.getByText(/業務單位答復（工務處）/).count()) > 0 ? true : undefined;
    }, 'the department’s answer in 待辦');
    await officer.getByRole('region', { name: '即將到期' }).getByRole('link', { name: summary }).click();
    await officer.getByRole('heading', { name: summary }).waitFor();
    await actOnCase(officer, '登錄業務單位答復', (f) => f.getByLabel('答復內容').fill('已更換燈具'), '工務處：已更換燈具');
    await actOnCase(officer, '陳報機關首長', (f) => f.getByLabel('陳報說明').fill('路燈維護情形陳報首長'), '路燈維護情形陳報首長');

    // The one who asks never approves: the head decides, from the head's own 待辦.
    const head = await signedIn('ila.head', passwords['ila.head']);
    await head.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '待辦' }).click();
    await head.getByRole('region', { name: '待核示簽報案件' }).getByRole('link', { name: summary }).click();
    await actOnCase(
      head,
      '首長核示',
      async (f) => {
        await f.getByLabel('核示事項').selectOption({ label: '陳報' });
        await f.getByLabel('核示結果').selectOption({ label: '核定' });
        await f.getByLabel('首長指示').fill('加強夜間照明巡查');
      },
      '陳報：核定，加強夜間照明巡查',
    );
    await head.close();

    await officer.reload();
    await actOnCase(officer, '回復民眾', (f) => f.getByLabel('回復內容').fill('已電話告知路燈修復'), '電話：已電話告知路燈修復');
    await actOnCase(officer, '結案', (f) => f.getByLabel('辦理結果').fill('路燈已修復'), '路燈已修復');
    await officer.close();
  }, 180_000);

  it('5: 儀表板 counts the case; 彙報表 is drafted, the head approves it, and the unit submits it to the AAC', async () => {
    const officer = await signedIn('ila.officer', passwords['ila.officer']);
    await officer.getByRole('link', { name: '儀表板' }).click();
    await officer.getByText('案件 1・未結案 0・').waitFor();
    await officer.close();

    // The period 11/9–11/22 has ended: its report can be drafted.
    t.clock.set('2026-11-24T02:00:00Z');
    const drafting = await signedIn('ila.officer', passwords['ila.officer']);
    await drafting.getByRole('link', { name: '彙報表' }).click();
    await drafting.getByLabel('統計期間').selectOption('2026-11-09');
    await drafting.getByRole('button', { name: '擬稿' }).click();
    await drafting.getByRole('status').getByText('已擬稿').waitFor();
    const needs = drafting.getByRole('region', { name: '彙報表' }).getByRole('row').filter({ hasText: '民情需求事項' });
    await needs.getByText('（計1案）。').waitFor();

    const head = await signedIn('ila.head', passwords['ila.head']);
    await head.getByRole('link', { name: '彙報表' }).click();
    await head.getByLabel('統計期間').selectOption('2026-11-09');
    await head.getByRole('region', { name: '彙報表' }).getByRole('row').filter({ hasText: '民情需求事項' }).getByText('（計1案）。').waitFor();
    await head.getByRole('button', { name: '核定' }).click();
    await head.getByRole('status').getByText('已核定').waitFor();
    await head.close();

    await drafting.reload();
    await drafting.getByLabel('統計期間').selectOption('2026-11-09');
    const asked = confirmations.length;
    await drafting.getByRole('button', { name: '報送廉政署' }).click();
    await drafting.getByRole('status').getByText('已報送廉政署').waitFor();
    expect(confirmations.slice(asked)).toHaveLength(1);
    await drafting.close();
    expect(errors).toEqual([]);
  }, 180_000);
});
