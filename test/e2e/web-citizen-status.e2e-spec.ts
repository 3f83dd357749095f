import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { launchChromium, signedInPage } from '../support/browser';
import { pdfTextOf } from '../support/pdf-text-of';
import { tempDir } from '../support/temp-dir';
import { ADMIN, bearer, listening, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** The citizen's side on screen: the officer hands over a receipt, the citizen follows the case on a phone. */
describe('a receipt at the village office, and the case’s status online', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let unit: UnitUsers;
  const dir = tempDir('citizen-status');

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'CIT');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
    dir.remove();
  });

  it('prints the slip with the code, and the citizen sees 已受理, then the agency and the letter’s date', async () => {
    const errors: string[] = [];
    const officer = await signedInPage(browser, base, 'cit.officer', 'cit-officer-password', errors);
    await officer.getByRole('link', { name: '登錄反映' }).click();
    const summary = '國光路人行道樹根隆起，行人易絆倒';
    await officer.getByLabel('需求/反映等內容概述').fill(summary);
    await officer.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    await officer.getByLabel('反映者姓名').fill('黃春嬌');
    await officer.getByLabel('聯絡電話').fill('0933-222-456');
    await officer.getByRole('button', { name: '送出' }).click();
    await officer.getByRole('heading', { name: summary }).waitFor();
    const receipt = officer.getByRole('region', { name: '收執聯' });
    const code = (await receipt.locator('.receipt-code').first().innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const [download] = await Promise.all([officer.waitForEvent('download'), receipt.getByRole('button', { name: '列印收執聯' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^CIT政風室-村里廉政平臺收執聯-115-\d{4}\.pdf$/);
    // Saved where this test reads it: the run's shared browser keeps its downloads to itself.
    const saved = join(dir.path, download.suggestedFilename());
    await download.saveAs(saved);
    const slip = await pdfTextOf(readFileSync(saved), dir.path);
    expect(slip).toContain(code);
    expect(slip).toContain('受理日期：民國115年11月26日');
    const caseId = new URL(officer.url()).pathname.split('/').pop() as string;
    await officer.close();

    const citizen = await browser.newPage({ viewport: { width: 390, height: 844 } });
    citizen.on('pageerror', (error) => errors.push(error.message));
    await citizen.goto(`${base}/status`);
    await citizen.getByLabel('收執聯代碼').fill(code.toLowerCase());
    await citizen.getByRole('textbox', { name: '電話號碼末4碼' }).fill('2456');
    await citizen.getByRole('button', { name: '查詢' }).click();
    await citizen.getByRole('heading', { name: '辦理進度：已受理' }).waitFor();
    expect(await citizen.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await axeViolations(citizen)).toEqual([]);
    expect(await citizen.locator('body').innerText()).not.toContain('黃春嬌');

    // The unit refers the case to another agency by letter, with the head's approval.
    const post = (path: string, body: object, token = unit.tokens.officer) => t.http().post(`/api/v1/reflections/${caseId}${path}`).set(bearer(token)).send(body).expect(200);
    await post('/request-head-approval', { agency: '臺中市政府建設局', note: '屬市管道路' });
    await post('/head-decisions', { subject: 'referral', decision: 'approved', agency: '臺中市政府建設局' }, unit.tokens.head);
    await post('/refer', { agency: '臺中市政府建設局', letterNo: '中市政字第1150099號', sentOn: '2026-11-27' });

    await citizen.getByRole('button', { name: '查詢' }).click();
    await citizen.getByRole('heading', { name: '辦理進度：已函請「臺中市政府建設局」參處' }).waitFor();
    await citizen.getByText('臺中市政府建設局（115/11/27 中市政字第1150099號函）').waitFor();

    // A wrong digit says so in words, and shows nothing.
    await citizen.getByRole('textbox', { name: '電話號碼末4碼' }).fill('2457');
    await citizen.getByRole('button', { name: '查詢' }).click();
    await citizen.getByRole('alert').getByText('查無符合的案件').waitFor();
    expect(await citizen.getByRole('region', { name: '查詢結果' }).count()).toBe(0);
    expect(await axeViolations(citizen)).toEqual([]);
    await citizen.close();
    expect(errors).toEqual([]);
  }, 180_000);
});
