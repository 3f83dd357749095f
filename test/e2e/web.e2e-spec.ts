import type { Browser, Page } from 'playwright-core';
import { ADMIN, listening, passwordOf, startTestApp, type TestApp, tokenFor, type UnitUsers, unitWithUsers } from '../support/test-app';
import { actOnCase, confirmations, launchChromium, signedInPage } from '../support/browser';
import { accessibilityBasics } from '../support/accessibility-basics';

describe('the web application in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let unit: UnitUsers;
  let other: UnitUsers;
  let caseUrl: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'KEE');
    other = await unitWithUsers(t, admin, 'NTC');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signedIn = (username: string, password = passwordOf(username), width = 1280): Promise<Page> => signedInPage(browser, base, username, password, consoleErrors, width);

  it('carries a reflection from the form to the public page and the biweekly report', async () => {

    const page = await signedIn('kee.officer');
    await page.getByText('KEE officer・KEE政風室・政風同仁').waitFor();

    await page.getByRole('link', { name: '登錄反映' }).click();
    await page.getByLabel('需求/反映等內容概述').fill('基隆河段堤防破損，雨季恐有危險');
    await page.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    await page.getByLabel('反映者姓名').fill('林阿明');
    await page.getByLabel('聯絡電話').fill('12');
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByText('聯絡電話不是有效的臺灣電話號碼。').waitFor();
    await page.getByLabel('聯絡電話').fill('0912-345-678');
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByRole('heading', { name: '基隆河段堤防破損，雨季恐有危險' }).waitFor();
    caseUrl = page.url();

    await actOnCase(page, '簽會業務單位', (f) => f.getByLabel('業務單位（以頓號分隔）').fill('工務課'), '簽會業務單位');
    await page.getByRole('status').getByText('已完成：簽會業務單位').waitFor();
    await actOnCase(page, '登錄業務單位答復', (f) => f.getByLabel('答復內容').fill('已派員修復堤防'), '工務課：已派員修復堤防');
    await actOnCase(page, '陳報機關首長', (f) => f.getByLabel('陳報說明').fill('陳報首長作為施政參考'), '陳報首長作為施政參考');
    await actOnCase(
      page,
      '登錄首長紙本核示',
      async (f) => {
        await f.getByLabel('首長簽核文號').fill('基府政字第1150001號');
        await f.getByLabel('首長簽核日期（民國年/月/日，如 115/11/27）').fill('115/11/27');
      },
      '陳報：核定（首長 115/11/27 紙本核示，文號 基府政字第1150001號，代為登錄）',
    );
    await actOnCase(page, '回復民眾', (f) => f.getByLabel('回復內容').fill('已電話告知民眾修復情形'), '電話：已電話告知民眾修復情形');
    await actOnCase(page, '結案', (f) => f.getByLabel('辦理結果').fill('堤防已修復'), '堤防已修復');
    await actOnCase(
      page,
      '公布成果',
      async (f) => {
        await f.getByLabel('公布場合').selectOption('village_assembly');
        await f.getByLabel('公布內容（不得含反映者個資）').fill('基隆河段堤防已修復完成');
      },
      '村里民大會：基隆河段堤防已修復完成',
    );

    const anyone = await browser.newPage();
    await anyone.goto(`${base}/public`);
    await anyone.getByText('基隆河段堤防已修復完成').waitFor();
    await anyone.getByLabel('關鍵字').fill('堤防');
    await anyone.getByRole('button', { name: '查詢' }).click();
    await anyone.waitForURL(/\/public\?q=/);
    await anyone.getByText('基隆河段堤防已修復完成').waitFor();
    await anyone.getByLabel('縣市').fill('臺北市');
    await anyone.getByLabel('縣市').press('Enter');
    await anyone.waitForURL(/county=/);
    await anyone.getByText('沒有符合的成果').waitFor();
    await anyone.goBack();
    await anyone.getByText('基隆河段堤防已修復完成').waitFor();
    expect(await anyone.getByLabel('縣市').inputValue()).toBe('');
    await anyone.getByText('以下是已辦結並公開的成果，不含反映者的個人資料。', { exact: false }).waitFor();
    expect(await anyone.locator('meta[name="description"]').getAttribute('content')).toContain('村里廉政平臺');
    expect(await (await fetch(`${base}/robots.txt`)).text()).toContain('Allow: /public');
    const icon = await fetch(`${base}/favicon.ico`);
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
    expect(await icon.text()).toContain('<svg');
    await anyone.getByRole('link', { name: '機關同仁登入' }).click();
    await anyone.getByLabel('帳號').waitFor();
    await anyone.close();

    await page.getByRole('link', { name: '彙報表' }).click();
    await page.getByLabel('統計期間').selectOption('2026-11-23');
    await page.getByRole('region', { name: '彙報表' }).getByText('115年11月23日-12月6日').first().waitFor();
    const needs = page.getByRole('row').filter({ hasText: '民情需求事項' });
    await needs.getByText('（計1案）。').waitFor();
    // The period runs until 12/6: counted as it stands, drafted only once it has ended.
    await page.getByText('統計期間尚未屆滿，以下為目前的統計；期滿後始得擬稿、陳首長核定及報送。').waitFor();
    expect(await page.getByRole('button', { name: '擬稿' }).count()).toBe(0);
    t.clock.set('2026-12-07T02:00:00Z');
    try {
      await page.reload();
      await page.getByLabel('統計期間').selectOption('2026-11-23');
      await page.getByRole('button', { name: '擬稿' }).click();
      await page.getByText('擬稿中').waitFor();
      await page.locator('#summary-public_need').fill('基隆河段堤防破損一案已修復');
      await page.getByRole('button', { name: '儲存文字' }).click();
      await needs.getByText('基隆河段堤防破損一案已修復').waitFor();
      await needs.getByText('（計1案）。').waitFor();
    } finally {
      t.clock.set('2026-11-27T02:00:00Z');
    }

    await page.getByRole('link', { name: '儀表板' }).click();
    await page.getByText('案件 1・未結案 0・').waitFor();
    expect(await page.locator('figure.chart').count()).toBe(5);
    await page.getByRole('link', { name: '追蹤管制' }).click();
    await page.getByLabel('範圍').selectOption('open');
    await page.getByText('沒有待辦事項').waitFor();
    await page.close();
  }, 90_000);

  it('submits a report to the AAC only once the officer confirms it, and says it was done', async () => {
    const page = await signedIn('kee.officer');
    await page.getByRole('link', { name: '彙報表' }).click();
    await page.getByLabel('統計期間').selectOption('2026-11-09');
    await page.getByRole('button', { name: '擬稿' }).click();
    await page.getByRole('status').getByText('已擬稿').waitFor();
    const paper = page.getByRole('form', { name: '登錄首長紙本核定' });
    await paper.getByLabel('首長簽核文號').fill('基府政字第1150300號');
    await paper.getByLabel('首長簽核日期（民國年/月/日，如 115/11/27）').fill('115/11/27');
    await paper.getByRole('button', { name: '登錄首長紙本核定' }).click();
    await page.getByText('已核定').first().waitFor();
    const asked = confirmations.length;
    await page.getByRole('button', { name: '報送廉政署' }).click();
    await page.getByRole('status').getByText('已報送廉政署').waitFor();
    expect(confirmations.slice(asked)).toEqual(['報送廉政署後，本版本即不能修改（之後的資料異動列為更正）。確定報送？']);
    await page.getByText('已報送').first().waitFor();
    await page.close();
  }, 60_000);

  it('shows a volunteer no decision buttons, and another unit nothing of the case', async () => {
    const officer = await signedIn('kee.officer');
    await officer.goto(`${base}/cases?q=${encodeURIComponent('堤防')}&status=closed&category=public_facilities`);
    await officer.getByRole('link', { name: '基隆河段堤防破損，雨季恐有危險' }).waitFor();
    await officer.goto(`${base}/cases?status=received`);
    await officer.getByText('沒有符合的案件').waitFor();
    await officer.close();

    const volunteer = await signedIn('kee.volunteer');
    await volunteer.goto(caseUrl);
    await volunteer.getByRole('heading', { name: '基隆河段堤防破損，雨季恐有危險' }).waitFor();
    expect(await volunteer.getByRole('region', { name: '可辦理事項' }).count()).toBe(0);
    expect(await volunteer.getByText('林阿明').count()).toBe(0);
    await volunteer.close();

    const stranger = await signedIn('ntc.officer');
    await stranger.goto(caseUrl);
    await stranger.getByRole('heading', { name: '找不到此案件' }).waitFor();
    await stranger.close();
    expect(other.unitId).not.toBe(unit.unitId);
  });

  it('lets the administrator add a unit, and an officer on a tablet add a platform site', async () => {
    const admin = await signedIn(ADMIN.username, ADMIN.password);
    await admin.getByRole('heading', { name: '系統管理' }).waitFor();
    const unitForm = admin.getByRole('form', { name: '新增政風機構' });
    await unitForm.getByLabel('代碼').fill('HSZ');
    await unitForm.getByLabel('政風機構全銜').fill('新竹市政府政風處');
    await unitForm.getByLabel('主管機關').fill('新竹市政府');
    await unitForm.getByRole('button', { name: '新增政風機構' }).click();
    await admin.getByRole('region', { name: '政風機構' }).getByText('新竹市政府政風處（HSZ）').waitFor();
    await admin.close();

    const tablet = await signedIn('kee.officer', undefined, 768);
    await tablet.getByRole('link', { name: '地點與宣導' }).click();
    const siteForm = tablet.getByRole('form', { name: '新增平臺地點' });
    await siteForm.getByLabel('名稱', { exact: true }).fill('仁愛區龍門里辦公處');
    // The village is chosen from the register by typing part of its name.
    await siteForm.getByLabel('搜尋村里（村里、鄉鎮市區或縣市名稱）').fill('仁愛 龍門');
    await siteForm.getByRole('option', { name: '基隆市仁愛區龍門里' }).waitFor({ state: 'attached' });
    await siteForm.getByLabel('村里', { exact: true }).selectOption({ label: '基隆市仁愛區龍門里' });
    await siteForm.getByLabel('平臺聯絡人').fill('陳里長');
    await siteForm.getByLabel('聯絡人電話').fill('12');
    await siteForm.getByRole('button', { name: '新增平臺地點' }).click();
    await siteForm.getByText('聯絡電話不是有效的臺灣電話號碼。').waitFor();
    await siteForm.getByLabel('聯絡人電話').fill('02-2422-1234');
    await siteForm.getByRole('button', { name: '新增平臺地點' }).click();
    await tablet.getByRole('region', { name: '平臺地點' }).getByText('仁愛區龍門里辦公處（基隆市仁愛區龍門里）・聯絡人 陳里長').waitFor();
    // A reflection at the new site: the dashboard's map shades its village.
    await tablet.getByRole('link', { name: '登錄反映' }).click();
    await tablet.getByLabel('需求/反映等內容概述').fill('龍門里巷道路燈不亮');
    await tablet.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    await tablet.getByLabel('平臺地點', { exact: true }).selectOption({ label: '仁愛區龍門里辦公處（基隆市仁愛區龍門里）' });
    await tablet.getByRole('button', { name: '送出' }).click();
    await tablet.getByRole('heading', { name: '龍門里巷道路燈不亮' }).waitFor();
    await tablet.getByRole('link', { name: '儀表板' }).click();
    const places = tablet.getByRole('region', { name: '各地反映件數' });
    await places.getByRole('row', { name: '基隆市 仁愛區 龍門里 1' }).waitFor();
    await places.scrollIntoViewIfNeeded();
    await places.getByRole('img', { name: '基隆市各村里反映件數地圖' }).waitFor();
    expect(await places.locator('path[data-count="1"] title').allTextContents()).toEqual(['仁愛區龍門里：1 件']);
    await tablet.getByRole('link', { name: '通知' }).click();
    await tablet.getByRole('heading', { name: '通知' }).waitFor();
    await tablet.close();
  }, 120_000);

  it('labels every input and keeps text contrast at WCAG AA on every screen, at 1280 and 768 px', async () => {
    for (const width of [1280, 768]) {
      const page = await signedIn('kee.supervisor', undefined, width);
      for (const path of ['/cases', '/cases/new', new URL(caseUrl).pathname, '/follow-ups', '/dashboard', '/reports', '/registers', '/plans', '/notifications', '/admin', '/public']) {
        await page.goto(`${base}${path}`);
        await page.waitForLoadState('networkidle');
        expect([path, await accessibilityBasics(page)]).toEqual([path, { unlabelled: [], lowContrast: [] }]);
      }
      await page.close();
    }
    const signIn = await browser.newPage();
    await signIn.goto(base);
    expect(await accessibilityBasics(signIn)).toEqual({ unlabelled: [], lowContrast: [] });
    await signIn.close();
  }, 90_000);

  it('can be used by keyboard alone: sign in and record a reflection', async () => {
    const page = await browser.newPage({ viewport: { width: 768, height: 1000 } });
    const tabTo = async (matches: (el: { id: string; text: string }) => boolean) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate('({ id: document.activeElement.id, text: document.activeElement.textContent })');
        if (matches(focused as { id: string; text: string })) return;
      }
      throw new Error('the control cannot be reached with Tab');
    };
    await page.goto(base);
    await tabTo((el) => el.id === 'username');
    await page.keyboard.type('kee.officer');
    await tabTo((el) => el.id === 'password');
    await page.keyboard.type('kee-officer-password');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: '主選單' }).waitFor();
    await tabTo((el) => el.text === '登錄反映');
    await page.keyboard.press('Enter');
    // After navigation the page's heading has the focus; the skip link is the first stop of the page.
    await page.waitForFunction("document.activeElement.tagName === 'H1'");
    expect(await page.evaluate('document.activeElement.textContent')).toBe('登錄反映（村里廉政平臺工作紀錄表）');
    await tabTo((el) => el.id === 'summary');
    await page.keyboard.type('鍵盤登錄：路燈不亮');
    await tabTo((el) => el.id === 'receivedOn');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('115/11/26');
    await tabTo((el) => el.text === '送出');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '鍵盤登錄：路燈不亮' }).waitFor();
    await page.close();
  }, 60_000);

  // Chromium logs each refused request (the 400 the form shows beside its field) as a console error: not the application's.
  it('logs no console errors', () => expect(consoleErrors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]));
});
