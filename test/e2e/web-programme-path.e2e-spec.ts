import type { Browser, Page } from 'playwright-core';
import { ADMIN, bearer, listening, passwordOf, startTestApp, type TestApp, tokenFor, unitWithUsers } from '../support/test-app';
import { actOnCase, launchChromium, openAction, signedInPage } from '../support/browser';

/**
 * Both paths of the programme (玖.一 own agency, 玖.二 referral) carried entirely on screen by the roles that walk
 * them: the ethics officer, the agency head and the supervisor, each signed in as themselves.
 */
describe('the programme’s two paths in the web application', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'TPE');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function signedIn(who: 'officer' | 'head' | 'supervisor', url?: string): Promise<Page> {
    const page = await signedInPage(browser, base, `tpe.${who}`, passwordOf(`tpe.${who}`), consoleErrors);
    if (url) await page.goto(url);
    return page;
  }

  const pendingList = (page: Page) => page.getByRole('list', { name: '待辦期限' });
  const forms = async (page: Page) => page.getByRole('group', { name: '辦理項目' }).getByRole('button').evaluateAll((all) => all.map((b) => b.textContent));

  async function record(page: Page, summary: string): Promise<string> {
    await page.getByRole('link', { name: '登錄反映' }).click();
    await page.getByLabel('需求/反映等內容概述').fill(summary);
    await page.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    await page.getByLabel('反映者姓名').fill('張美華');
    await page.getByLabel('聯絡電話').fill('0922-333-444');
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByRole('heading', { name: summary }).waitFor();
    return page.url();
  }

  it('own agency: routed, a wrong department withdrawn, answered, reported; the head approves; the supervisor closes and publishes', async () => {
    const officer = await signedIn('officer');
    const caseUrl = await record(officer, '中山區人行道破損，長者易跌倒');
    await actOnCase(officer, '簽會業務單位', (f) => f.getByLabel('業務單位（以頓號分隔）').fill('工務局、民政局'), '民政局，期限');
    await actOnCase(
      officer,
      '撤回會辦或函請參處',
      async (f) => {
        await f.getByLabel('撤回事項').selectOption({ label: '撤回會辦民政局' });
        await f.getByLabel('撤回理由').fill('人行道非民政局權管');
      },
      '撤回會辦民政局：人行道非民政局權管',
    );
    await actOnCase(officer, '登錄業務單位答復', (f) => f.getByLabel('答復內容').fill('已排定本月修復人行道'), '工務局：已排定本月修復人行道');
    await actOnCase(officer, '回復民眾', async (f) => {
      await f.getByLabel('方式').selectOption('phone');
      await f.getByLabel('回復內容').fill('已電話告知修復時程');
    }, '電話：已電話告知修復時程');

    const closing = await openAction(officer, '結案');
    await closing.getByLabel('辦理結果').fill('人行道已修復');
    await closing.getByRole('button', { name: '結案' }).click();
    await closing.getByRole('alert').getByText('尚不能結案。本機關處理尚缺：陳報機關首長；或函請他機關參處尚缺：簽報首長核可。').waitFor();

    await actOnCase(officer, '陳報機關首長', (f) => f.getByLabel('陳報說明').fill('人行道維護情形陳報首長'), '人行道維護情形陳報首長');
    expect(await forms(officer)).not.toContain('陳報機關首長');
    await officer.close();

    // The head decides from the to-do list: the case is there, one click from its decision.
    const head = await signedIn('head');
    await head.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '待辦' }).click();
    const awaiting = head.getByRole('region', { name: '簽報案件' });
    await awaiting.getByRole('heading', { name: '簽報案件（1）' }).waitFor();
    await awaiting.getByRole('link', { name: '中山區人行道破損，長者易跌倒' }).click();
    await head.getByRole('heading', { name: '中山區人行道破損，長者易跌倒' }).waitFor();
    expect(head.url()).toBe(caseUrl);
    expect(await forms(head)).toEqual(['首長核示']);
    await actOnCase(
      head,
      '首長核示',
      async (f) => {
        await f.getByLabel('核示事項').selectOption({ label: '陳報' });
        await f.getByLabel('核示結果').selectOption({ label: '核定' });
        await f.getByLabel('首長指示').fill('列入年度養護計畫');
      },
      '陳報：核定，列入年度養護計畫',
    );
    expect(await head.getByRole('region', { name: '可辦理事項' }).count()).toBe(0);
    await head.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '待辦' }).click();
    await head.getByRole('region', { name: '簽報案件' }).getByText('目前沒有待核示的案件。').waitFor();
    await head.close();

    const supervisor = await signedIn('supervisor', caseUrl);
    await actOnCase(supervisor, '結案', (f) => f.getByLabel('辦理結果').fill('人行道已修復完成'), '人行道已修復完成');
    await supervisor.getByText('已結案').first().waitFor();
    await actOnCase(supervisor, '公布成果', async (f) => {
      await f.getByLabel('公布場合').selectOption('integrity_meeting');
      await f.getByLabel('公布內容（不得含反映者個資）').fill('中山區人行道已修復');
    }, '廉政會報：中山區人行道已修復');
    expect(await forms(supervisor)).toEqual(['恢復列管', '刪除反映者個人資料']);
    // The supervisor's audit: who saw the reporter (the officer along the way, the supervisor now) ...
    // (folded behind its count under the timeline)
    const accesses = supervisor.locator('details.access-log');
    await accesses.locator('summary').filter({ hasText: /個資調閱紀錄（\d+ 筆）/ }).click();
    await accesses.getByRole('cell', { name: '檢視案件', exact: true }).first().waitFor();
    expect(await accesses.getByRole('row').count()).toBeGreaterThan(2);
    // ... and the case as it stood when the head decided, read only, its timeline up to there.
    const steps = await supervisor.locator('.timeline li').count();
    const decided = supervisor.locator('.timeline li').filter({ hasText: '陳報：核定' });
    const upTo = await decided.evaluate((li) => [...li.parentElement!.children].indexOf(li) + 1);
    await decided.getByRole('link', { name: '檢視此步驟當時狀態' }).click();
    await supervisor.getByRole('note').filter({ hasText: '當時的狀態' }).waitFor();
    expect(new URL(supervisor.url()).searchParams.get('revision')).toBe(String(upTo - 1));
    await supervisor.locator('.facts').getByText('處理中').waitFor();
    expect(await supervisor.locator('.timeline li').count()).toBe(upTo);
    expect(upTo).toBeLessThan(steps);
    expect(await supervisor.getByRole('region', { name: '可辦理事項' }).count()).toBe(0);
    await supervisor.getByRole('link', { name: '回到目前狀態' }).click();
    await supervisor.locator('.facts').getByText('已結案').waitFor();
    expect(await supervisor.locator('.timeline li').count()).toBe(steps);
    await supervisor.getByRole('button', { name: '列印案件稽核檔' }).waitFor();
    // The unit's activity audit: the head's decision found by its kind, one click from the case as it stood then.
    await supervisor.getByRole('navigation', { name: '主選單' }).getByRole('link', { name: '稽核紀錄' }).click();
    const filters = supervisor.getByRole('form', { name: '篩選稽核紀錄' });
    await filters.getByLabel('事項').selectOption({ label: '首長核示' });
    await filters.getByRole('button', { name: '查詢' }).click();
    const row = supervisor.getByRole('row').filter({ hasText: '首長核示' });
    await row.getByRole('cell', { name: 'TPE head' }).waitFor();
    // The unfiltered list shown before the query holds that row too: wait until it has given way to the result.
    await supervisor.getByRole('row').nth(2).waitFor({ state: 'detached' });
    expect(await supervisor.getByRole('row').count()).toBe(2);
    // A reading of the reporter names its case too.
    await filters.getByLabel('事項').selectOption({ label: '調閱反映者個資' });
    await filters.getByRole('button', { name: '查詢' }).click();
    await supervisor.getByRole('row').nth(1).getByRole('link', { name: /^案件（第\d+次調閱）$/ }).waitFor();
    await filters.getByLabel('事項').selectOption({ label: '首長核示' });
    await filters.getByRole('button', { name: '查詢' }).click();
    await row.getByRole('link', { name: /^案件第\d+筆$/ }).click();
    await supervisor.getByRole('note').filter({ hasText: '當時的狀態' }).waitFor();
    await supervisor.locator('.facts').getByText('處理中').waitFor();
    await supervisor.close();
  }, 120_000);

  it('referral: the supervisor records the head’s paper approval, the officer refers and notifies, the head extends, the reason goes in writing', async () => {
    const officer = await signedIn('officer');
    const caseUrl = await record(officer, '淡水河段堤防滲水');
    await actOnCase(officer, '簽報首長核可函請他機關參處', async (f) => {
      await f.getByLabel('擬函請參處之機關').fill('經濟部水利署');
      await f.getByLabel('簽報說明').fill('堤防屬中央管河川');
    }, '函請經濟部水利署參處：堤防屬中央管河川');
    expect(await forms(officer)).not.toContain('函請他機關參處');
    await officer.close();

    const supervisor = await signedIn('supervisor', caseUrl);
    const paper = await openAction(supervisor, '登錄首長紙本核示');
    await paper.getByLabel('核示事項').selectOption({ label: '函請他機關參處（經濟部水利署）' });
    await paper.getByRole('button', { name: '登錄首長紙本核示' }).click();
    await paper.getByText('此欄必填。').first().waitFor();
    // The first field refused takes the focus, marked invalid and pointing to its reason.
    const focused = (await supervisor.evaluate(
      "({ id: document.activeElement.id, invalid: document.activeElement.getAttribute('aria-invalid'), describedBy: document.activeElement.getAttribute('aria-describedby') })",
    )) as { id: string; invalid: string; describedBy: string };
    expect(focused).toEqual({ id: expect.stringMatching(/documentNo$/), invalid: 'true', describedBy: `${focused.id}-error` });
    // A paper dated before the request it answers signed something else: refused beside the date.
    const early = await openAction(supervisor, '登錄首長紙本核示');
    await early.getByLabel('核示事項').selectOption({ label: '函請他機關參處（經濟部水利署）' });
    await early.getByLabel('首長簽核文號').fill('北市政字第1150456號');
    await early.getByLabel('首長簽核日期（民國年/月/日，如 115/11/27）').fill('115/11/26');
    await early.getByRole('button', { name: '登錄首長紙本核示', exact: true }).click();
    await early.getByText('首長簽核日期（民國115年11月26日）早於所核示之簽報（民國115年11月27日）：首長所簽的是另一份文件，請確認文號及日期。').waitFor();
    await actOnCase(
      supervisor,
      '登錄首長紙本核示',
      async (f) => {
        await f.getByLabel('核示事項').selectOption({ label: '函請他機關參處（經濟部水利署）' });
        await f.getByLabel('首長簽核文號').fill('北市政字第1150456號');
        await f.getByLabel('首長簽核日期（民國年/月/日，如 115/11/27）').fill('115/11/27');
      },
      '函請他機關參處（經濟部水利署）：核定（首長 115/11/27 紙本核示，文號 北市政字第1150456號，代為登錄）',
    );
    await supervisor.close();

    const back = await signedIn('officer', caseUrl);
    await actOnCase(back, '函請他機關參處', async (f) => {
      await f.getByLabel('發文字號').fill('北市政字第1150457號');
      await f.getByLabel('發文日期（民國年/月/日，如 115/11/27）').fill('115/11/27');
    }, '經濟部水利署（北市政字第1150457號，115/11/27），函復期限 115/12/28');
    await pendingList(back).getByText('通知陳情人移送他機關（經濟部水利署）：115/12/04').waitFor();
    await actOnCase(back, '通知陳情人', async (f) => {
      await f.getByLabel('通知事項').selectOption({ label: '移送經濟部水利署' });
      await f.getByLabel('方式').selectOption('phone');
      await f.getByLabel('通知日期（民國年/月/日，如 115/11/27）').fill('115/11/27');
      await f.getByLabel('通知內容').fill('本案已函請經濟部水利署參處');
    }, '移送他機關（經濟部水利署），電話 115/11/27：本案已函請經濟部水利署參處');
    await actOnCase(back, '簽請展延回復期限', async (f) => {
      // A date that is not one is said as the officer leaves the field; ROC dates are typed as people write them.
      await f.getByLabel('展延至（民國年/月/日，如 115/11/27）').fill('116/02/30');
      await f.getByLabel('展延理由').focus();
      await f.getByText('請以民國年月日填寫，例如 115/11/27 或 115年11月27日。').waitFor();
      await f.getByLabel('展延至（民國年/月/日，如 115/11/27）').fill('116年1月29日');
      await f.getByLabel('展延理由').fill('須俟水利署現勘結果');
    }, '回復期限 115/12/28 展延至 116/01/29：須俟水利署現勘結果');
    await back.close();

    const head = await signedIn('head', caseUrl);
    await actOnCase(head, '首長核示', async (f) => {
      await f.getByLabel('核示事項').selectOption({ label: '展延回復期限至 116/01/29' });
    }, '回復期限由 115/12/28 展延至 116/01/29：須俟水利署現勘結果');
    await head.close();

    const last = await signedIn('officer', caseUrl);
    await pendingList(last).getByText('回復民眾：116/01/29').waitFor();
    const notice = await openAction(last, '通知陳情人');
    await notice.getByLabel('通知事項').selectOption({ label: '展延理由（書面）' });
    await notice.getByLabel('方式').selectOption('phone');
    await notice.getByLabel('通知日期（民國年/月/日，如 115/11/27）').fill('115/11/27');
    await notice.getByLabel('通知內容').fill('電話告知展延');
    await notice.getByRole('button', { name: '通知陳情人' }).click();
    await notice.getByText('展延理由須以書面告知陳情人：請選擇書函、電子郵件或傳真。').waitFor();
    await actOnCase(last, '通知陳情人', async (f) => {
      await f.getByLabel('方式').selectOption('letter');
      await f.getByLabel('通知內容').fill('因須現勘，回復期限展延至116年1月29日');
    }, '展延理由，書函 115/11/27：因須現勘，回復期限展延至116年1月29日');
    await actOnCase(last, '登錄他機關函復', (f) => f.getByLabel('函復內容').fill('已排入堤防改善工程'), '經濟部水利署：已排入堤防改善工程');
    await actOnCase(last, '回復民眾', async (f) => {
      await f.getByLabel('方式').selectOption('letter');
      await f.getByLabel('回復內容').fill('水利署已排入改善工程');
    }, '書函：水利署已排入改善工程');
    await actOnCase(last, '結案', (f) => f.getByLabel('辦理結果').fill('移由水利署改善'), '移由水利署改善');
    await pendingList(last).getByText('無').waitFor();
    await last.close();
  }, 120_000);

  it('the plan: the officer drafts it, the head approves it, the officer sees the visits due', async () => {
    const officerToken = await tokenFor(t, 'tpe.officer', 'tpe-officer-password');
    for (const name of ['大同區老師里辦公處', '萬華區青山里辦公處']) {
      await t.http().post('/api/v1/sites').set(bearer(officerToken)).send({ type: 'village_office', name, county: '臺北市', township: name.slice(0, 3), contact: { name: `${name.slice(3, 6)}長` } }).expect(201);
    }
    const officer = await signedIn('officer');
    await officer.getByRole('link', { name: '細部計畫' }).click();
    await officer.getByText('沒有實施中的計畫，或計畫未列平臺地點。').waitFor();
    const form = officer.getByRole('form', { name: '擬訂細部實施計畫' });
    await form.getByLabel('計畫名稱').fill('臺北市政府115年度村里廉政平臺細部實施計畫');
    await form.getByLabel('實施期間起（民國年/月/日，如 115/11/27）').fill('115/11/01');
    await form.getByLabel('實施期間迄（民國年/月/日，如 115/11/27）').fill('116/10/31');
    await form.getByRole('button', { name: '擬訂細部實施計畫' }).click();
    await form.getByText('請至少列一個平臺地點及其造訪頻率。').waitFor();
    await form.getByLabel('大同區老師里辦公處（臺北市大同區）每幾日').fill('14');
    await form.getByLabel('萬華區青山里辦公處（臺北市萬華區）每幾日').fill('60');
    await form.getByLabel('河川疏濬').check();
    await form.getByLabel('成員1姓名').fill('TPE officer');
    await form.getByRole('button', { name: '新增成員' }).click();
    await form.getByLabel('成員2姓名').fill('老師里幹事');
    await form.getByLabel('成員2角色').selectOption({ label: '村里幹事' });
    await form.getByRole('button', { name: '擬訂細部實施計畫' }).click();
    await officer.getByRole('heading', { name: '臺北市政府115年度村里廉政平臺細部實施計畫（草案）' }).waitFor();
    await officer.close();

    const head = await signedIn('head');
    await head.getByRole('link', { name: '細部計畫' }).click();
    await head.getByRole('button', { name: '核定計畫' }).click();
    await head.getByRole('heading', { name: '臺北市政府115年度村里廉政平臺細部實施計畫（實施中）' }).waitFor();
    await head.getByText('機關首長核定：115/11/27').waitFor();
    await head.close();

    const back = await signedIn('officer');
    await back.getByRole('link', { name: '細部計畫' }).click();
    const schedule = back.getByRole('table', { name: '造訪排程' });
    // 11/1 + 14 days is Sunday 11/15: due Monday 11/16, overdue by 11/27; 11/1 + 60 days is 12/31.
    await schedule.getByRole('row').nth(1).getByText('大同區老師里辦公處').waitFor();
    await schedule.getByRole('row').nth(1).getByText('115/11/16（逾期）').waitFor();
    await schedule.getByRole('row').nth(2).getByText('115/12/31').waitFor();
    await back.getByRole('link', { name: '儀表板' }).click();
    await back.getByRole('region', { name: '造訪平臺聯絡人' }).getByText('大同區老師里辦公處').waitFor();
    await back.close();
  }, 120_000);

  // Chromium logs each refused request (the 400 or 409 a form shows beside its field) as a console error: not the application's.
  it('shows no page error and no console error along the way', () => expect(consoleErrors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]));
});
