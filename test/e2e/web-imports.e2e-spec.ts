import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { launchChromium, signedInPage } from '../support/browser';
import { ADMIN, listening, startTestApp, tokenFor, unitWithUsers, type TestApp } from '../support/test-app';
import { generatedWorkRecords } from '../../bench/work-records';
import { recordRow, workRecordFile } from '../support/work-record-files';

/** A supervisor brings the unit's past records in on screen: checks the file, reads why a row is refused, imports the rest. */
describe('importing past work records on screen', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'web-imports-'));

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'WIM');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('checks the file, lists the refused row with its reason, imports the valid rows when asked, and shows them as 匯入 with their history', async () => {
    const file = join(dir, '工作紀錄.xlsx');
    writeFileSync(
      file,
      workRecordFile(
        [
          recordRow({ 受理日期: '114/5/6', 性質: '民情需求', '需求/反映等內容概述': '市場周邊違規停車嚴重', 村里: '臺中市大里區東湖里', 辦理情形: '已請警察局加強取締', 結案日期: '114/5/20' }),
          recordRow({ 受理日期: '114/13/1', 性質: '民情需求', '需求/反映等內容概述': '月份寫錯的一列' }),
          recordRow({ 受理日期: '1140610', 性質: '施政興革', '需求/反映等內容概述': '建議延長圖書館開放時間' }),
        ],
        'xlsx',
      ),
    );
    const errors: string[] = [];
    const page = await signedInPage(browser, base, 'wim.supervisor', 'wim-supervisor-password', errors);
    await page.getByRole('link', { name: '匯入與匯出' }).click();
    await page.getByRole('heading', { name: '匯入與匯出' }).waitFor();
    const template = page.waitForEvent('download');
    await page.getByRole('button', { name: '下載 XLSX 範本' }).click();
    expect((await template).suggestedFilename()).toBe('村里廉政平臺工作紀錄表匯入範本.xlsx');

    await page.getByLabel('工作紀錄檔案（ODS、XLSX 或 UTF-8 編碼的 CSV）').setInputFiles(file);
    await page.getByRole('button', { name: '檢查檔案' }).click();
    await page.getByRole('heading', { name: '檢查結果' }).waitFor();
    await page.getByText('可匯入 2 列、未通過 1 列').waitFor();
    const rows = page.getByRole('table', { name: '需要注意的列' });
    await rows.getByRole('cell', { name: '第3列「受理日期」：受理日期不是有效的日期。' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const confirm = page.getByRole('button', { name: '確認匯入 2 案' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('只匯入通過檢查的 2 列（未通過的 1 列不匯入）').check();
    await confirm.click();
    await page.getByRole('heading', { name: '匯入結果' }).waitFor();
    await page.getByText('已匯入 2 列、未通過 1 列', { exact: false }).waitFor();

    await page.getByRole('link', { name: '到案件清單查看匯入的案件' }).click();
    const list = page.getByRole('table');
    await list.getByRole('link', { name: '市場周邊違規停車嚴重' }).waitFor();
    expect(await list.getByText('匯入').count()).toBe(2);
    await list.getByRole('link', { name: '市場周邊違規停車嚴重' }).click();
    await page.getByRole('heading', { name: '市場周邊違規停車嚴重' }).waitFor();
    await page.getByText('已結案').first().waitFor();
    await page.getByText(/自過去的工作紀錄匯入（工作表「工作紀錄表」第 2 列/).waitFor();
    await page.getByText('自工作紀錄匯入').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // And everything out again, as the ZIP the supervisor keeps.
    await page.getByRole('link', { name: '匯入與匯出' }).click();
    const exported = page.waitForEvent('download');
    await page.getByRole('button', { name: '匯出本單位全部資料' }).click();
    expect((await exported).suggestedFilename()).toBe('WIM政風室-村里廉政平臺資料匯出-115年11月27日.zip');
    await page.getByText('已匯出：WIM政風室-村里廉政平臺資料匯出-115年11月27日.zip').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows how far a long import is while it runs', async () => {
    const file = join(dir, '三年的紀錄.xlsx');
    writeFileSync(file, generatedWorkRecords(2_000));
    const errors: string[] = [];
    const page = await signedInPage(browser, base, 'wim.supervisor', 'wim-supervisor-password', errors);
    await page.goto(`${base}/imports`);
    await page.getByLabel('工作紀錄檔案（ODS、XLSX 或 UTF-8 編碼的 CSV）').setInputFiles(file);
    await page.getByRole('button', { name: '檢查檔案' }).click();
    await page.getByText('可匯入 2,000 列').waitFor();
    await page.getByRole('button', { name: '確認匯入 2,000 案' }).click();
    const bar = page.getByRole('progressbar', { name: '匯入進度' });
    await bar.waitFor();
    expect(Number(await bar.getAttribute('aria-valuemax') ?? await bar.getAttribute('max'))).toBe(2_000);
    await page.getByRole('heading', { name: '匯入結果' }).waitFor({ timeout: 120_000 });
    expect(await bar.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
