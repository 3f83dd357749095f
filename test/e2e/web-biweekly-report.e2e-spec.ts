import type { Browser, Page } from 'playwright-core';
import { aacAuditor, ADMIN, aReflection, bearer, listening, passwordOf, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';
import { confirmations, launchChromium, signedInPage } from '../support/browser';

/**
 * The biweekly report's life on screen (玖.四): the officer drafts a finished period, the head approves exactly what
 * is shown (a case recorded meanwhile makes the draft stale), the officer submits; a case learned later raises
 * 更正待辦 in the inbox and on the report, and the correction walks the same path; the AAC reads each version
 * with its approval, and the roster gives due dates and days late in ROC dates.
 */
describe('the biweekly report in the web application', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let unit: UnitUsers;
  const consoleErrors: string[] = [];
  const at = (instant: string) => t.clock.set(instant);

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    at('2026-11-01T02:00:00Z');
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'RPT');
    await unitWithUsers(t, admin, 'LAT');
    await aacAuditor(t, admin, 'rpt.aac');
    at('2026-11-12T02:00:00Z');
    await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, receivedOn: '2026-11-12', summary: '公園路燈故障' }).expect(201);
    at('2026-11-24T02:00:00Z');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const signedIn = (who: string, password = passwordOf(who)) => signedInPage(browser, base, who, password, consoleErrors);
  const reportOf = (page: Page) => page.getByRole('region', { name: '彙報表' });
  const versionLine = (page: Page, line: RegExp) => reportOf(page).getByRole('region', { name: '版本與核定' }).getByRole('listitem').filter({ hasText: line });
  const needsRow = (page: Page) => reportOf(page).getByRole('row').filter({ hasText: '民情需求事項' });
  const recordLate = async (summary: string, receivedOn: string) =>
    t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, receivedOn, summary }).expect(201);

  it('drafts a finished period; the head approves only what is there; the officer submits', async () => {
    const officer = await signedIn('rpt.officer');
    await officer.getByRole('link', { name: '彙報表' }).click();
    await reportOf(officer).getByText('RPT政風室115年11月辦理村里廉政平臺工作成果彙報表').waitFor();
    await officer.getByRole('button', { name: '擬稿' }).click();
    await officer.getByRole('status').getByText('已擬稿').waitFor();
    await needsRow(officer).getByText('（計1案）。').waitFor();
    await reportOf(officer).getByText('報送期限：115/11/25', { exact: false }).waitFor();

    const head = await signedIn('rpt.head');
    await head.getByRole('link', { name: '彙報表' }).click();
    await needsRow(head).getByText('（計1案）。').waitFor();
    // A case of the period recorded after the head opened the draft: approving what was shown is refused.
    await recordLate('擬稿後補登：人行道破損', '2026-11-20');
    await head.getByRole('button', { name: '核定' }).click();
    await head.getByRole('alert').getByText('統計期間的資料在擬稿後已有異動（民情需求事項由1案變為2案），請重新擬稿（或重新檢視）後再核定。').waitFor();

    await officer.reload();
    await reportOf(officer).getByText('擬稿後資料已有異動（民情需求事項由1案變為2案（增列115-0002）），請重新擬稿後再陳核。').waitFor();
    await officer.getByRole('button', { name: '重新擬稿' }).click();
    await needsRow(officer).getByText('（計2案）。').waitFor();

    await head.getByRole('button', { name: '重新載入彙報表' }).click();
    await needsRow(head).getByText('（計2案）。').waitFor();
    await head.getByRole('button', { name: '核定' }).click();
    await head.getByRole('status').getByText('已核定').waitFor();
    await versionLine(head, /^原報：首長 115\/11\/24 \d\d:\d\d 核定；尚未報送/).waitFor();
    await head.close();

    await officer.reload();
    const asked = confirmations.length;
    await officer.getByRole('button', { name: '報送廉政署' }).click();
    await officer.getByRole('status').getByText('已報送廉政署').waitFor();
    expect(confirmations.slice(asked)).toEqual(['報送廉政署後，本版本即不能修改（之後的資料異動列為更正）。確定報送？']);
    await versionLine(officer, /^原報：首長 115\/11\/24 \d\d:\d\d 核定；115\/11\/24 報送廉政署/).waitFor();
    await officer.close();
  }, 180_000);

  it('raises 更正待辦 for a case learned after submission, in the inbox and on the report; the head approves the correction and the officer submits it', async () => {
    at('2026-11-27T02:00:00Z');
    await recordLate('送出後才登錄：排水溝堵塞', '2026-11-21');
    const officer = await signedIn('rpt.officer');
    await officer.getByRole('link', { name: '通知' }).click();
    const inbox = officer.getByRole('region', { name: '更正待辦' });
    await inbox.getByText('115年11月9-22日').waitFor();
    await inbox.getByText('（更正1，待擬具）：民情需求事項由2案變為3案（增列115-0003）', { exact: false }).waitFor();
    await inbox.getByRole('button', { name: '開啟此期彙報表' }).click();
    await officer.waitForURL(/\/reports\?periodStart=2026-11-09/);
    await reportOf(officer).getByRole('note').getByText('報送後資料已有異動', { exact: false }).waitFor();
    await officer.getByRole('button', { name: '擬具更正1' }).click();
    await reportOf(officer).getByText('擬稿中').first().waitFor();
    await reportOf(officer).getByText('更正1待首長核定。', { exact: false }).waitFor();
    await needsRow(officer).getByText('（計3案）。').waitFor();

    const head = await signedIn('rpt.head');
    await head.goto(`${base}/reports?periodStart=2026-11-09`);
    await head.getByRole('button', { name: '核定更正1' }).click();
    await head.getByRole('status').getByText('已核定').waitFor();
    await head.close();

    await officer.reload();
    await officer.getByRole('button', { name: '報送廉政署' }).click();
    await officer.getByRole('status').getByText('已報送廉政署').waitFor();
    await versionLine(officer, /^原報：首長 115\/11\/24 \d\d:\d\d 核定；115\/11\/24 報送廉政署/).waitFor();
    await versionLine(officer, /^更正1（民情需求事項由2案變為3案（增列115-0003））：首長 115\/11\/27 \d\d:\d\d 核定；115\/11\/27 報送廉政署/).waitFor();
    await officer.getByRole('link', { name: '通知' }).click();
    await officer.getByRole('heading', { name: '通知' }).waitFor();
    await officer.waitForLoadState('networkidle');
    expect(await officer.getByRole('region', { name: '更正待辦' }).count()).toBe(0);
    await officer.close();
  }, 180_000);

  it('shows the AAC the submitted versions with their approvals, and the roster’s due dates and days late in ROC dates', async () => {
    const aac = await signedIn('rpt.aac', 'rpt-aac-auditor-password');
    await aac.getByRole('link', { name: '彙報表' }).click();
    await aac.getByLabel('政風機構').selectOption({ label: 'RPT政風室' });
    await aac.getByLabel('統計期間').selectOption('2026-11-09');
    await reportOf(aac).getByText('已報送').first().waitFor();
    await reportOf(aac).getByText('（更正1）', { exact: false }).first().waitFor();
    await needsRow(aac).getByText('（計3案）。').waitFor();
    const versions = reportOf(aac).getByRole('region', { name: '版本與核定' });
    expect(await versions.getByRole('listitem').count()).toBe(2);
    await versions.getByText(/內容雜湊（SHA-256）：[0-9a-f]{64}/).first().waitFor();
    // Saved under the name a civil servant files it by: unit, form, the period's first day in ROC, the correction.
    const [saved] = await Promise.all([aac.waitForEvent('download'), aac.getByRole('button', { name: '下載 PDF' }).click()]);
    expect(saved.suggestedFilename()).toBe('RPT政風室-工作成果彙報表-115年11月9日-更正1.pdf');
    await aac.getByRole('status').getByText('已下載RPT政風室-工作成果彙報表-115年11月9日-更正1.pdf').waitFor();

    const roster = aac.getByRole('region', { name: '報送情形' });
    await roster.getByRole('row', { name: /RPT政風室 已報送 115\/11\/25 115\/11\/24 — 首長核定 更正1/ }).waitFor();
    // LAT started on 11/1 and has submitted nothing: two days late on 11/27.
    await roster.getByRole('row', { name: /LAT政風室 未擬稿（逾期） 115\/11\/25 — 2日/ }).waitFor();
    expect(await roster.getByText('法務部廉政署').count()).toBe(0);

    // When the network fails, the screen says so in words, not an empty roster or a TypeError.
    await aac.route('**/api/v1/reports/submissions**', (route) => route.abort('internetdisconnected'));
    await aac.getByLabel('統計期間').selectOption('2026-11-23');
    await roster.getByRole('alert').getByText('無法連線到伺服器，資料未能載入，請確認網路連線後再試。').waitFor();
    expect(await aac.getByText('TypeError').count()).toBe(0);
    await aac.close();
    expect(consoleErrors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED') && !e.includes('Failed to load resource'))).toEqual([]);
  }, 120_000);
});
