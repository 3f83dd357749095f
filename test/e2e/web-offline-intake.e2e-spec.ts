import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signIn } from '../support/browser';
import { eventually } from '../support/polling';
import { ADMIN, bearer, listening, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/**
 * Every record the device keeps (IndexedDB), as the browser holds it: sealed bytes as numbers, so a name in clear
 * would show. Run in the page (the test's own TypeScript has no DOM).
 */
const DEVICE_CONTENTS = `(async () => {
  const database = await new Promise((resolve, reject) => {
    const request = indexedDB.open('integrity-platform-device');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const readable = (value) =>
    value instanceof ArrayBuffer ? Array.from(new Uint8Array(value))
    : ArrayBuffer.isView(value) ? Array.from(new Uint8Array(value.buffer))
    : value instanceof CryptoKey ? { extractable: value.extractable }
    : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readable(v)]))
    : value;
  const stores = {};
  for (const name of Array.from(database.objectStoreNames)) {
    stores[name] = await new Promise((resolve) => {
      const request = database.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result.map(readable));
    });
  }
  database.close();
  return stores;
})()`;
const deviceContents = (page: Page) => page.evaluate<Record<string, unknown[]>>(DEVICE_CONTENTS);

/** The officer at a village office with no connection: the reflection waits on the tablet and is recorded once. */
describe('offline intake at the village office', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let unit: UnitUsers;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'OFL');
    await t.http().post('/api/v1/sites').set(bearer(unit.tokens.officer)).send({ type: 'village_office', name: '東湖里', county: '臺中市', township: '大里區', village: '東湖里', contact: { name: '東湖里長' } }).expect(201);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    context.on('page', (page) => {
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('dialog', (dialog) => void dialog.accept());
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  const casesNamed = async (summary: string) =>
    ((await t.http().get(`/api/v1/reflections?q=${encodeURIComponent(summary)}`).set(bearer(unit.tokens.supervisor)).expect(200)).body.items as { summary: string }[]).filter((c) => c.summary === summary);

  const fillReflection = async (page: Page, summary: string, receivedOn: string) => {
    await page.getByLabel('需求/反映等內容概述').fill(summary);
    await page.getByLabel('受理日期（民國年/月/日）').fill(receivedOn);
    await page.getByLabel('反映者姓名').fill('林大明');
    await page.getByLabel('聯絡電話').fill('0933-123-456');
    await page.getByLabel('聯絡地址').fill('臺中市大里區東湖路88號');
    await page.getByLabel('平臺地點', { exact: true }).selectOption({ label: '東湖里（臺中市大里區東湖里）' });
  };

  it('keeps what is recorded offline sealed on the device, reopens offline, and sends each once when the connection is back', async () => {
    const first = '東湖路口號誌故障，上下學時段危險';
    const refused = '東湖里活動中心屋頂漏水';
    let page = await context.newPage();
    await signIn(page, base, 'ofl.officer', 'ofl-officer-password');
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.getByRole('link', { name: '登錄反映' }).click();
    await page.getByRole('option', { name: '東湖里（臺中市大里區東湖里）' }).waitFor({ state: 'attached' });

    await context.setOffline(true);
    await fillReflection(page, first, '115/11/26');
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByRole('status').filter({ hasText: '無法連線，資料已加密暫存於本裝置，連線後自動送出。' }).waitFor();
    expect(await page.getByLabel('需求/反映等內容概述').inputValue()).toBe('');
    // A date the server will refuse (after its today): the form cannot tell offline.
    await fillReflection(page, refused, '115/11/30');
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByText('待送出 2 筆').waitFor();

    // The tab closed and the application opened again, still without a connection.
    await page.close();
    page = await context.newPage();
    await page.goto(`${base}/cases/new`);
    await page.getByRole('heading', { name: '登錄反映（村里廉政平臺工作紀錄表）' }).waitFor();
    await page.getByText('目前離線').first().waitFor();
    await page.getByText('待送出 2 筆').waitFor();
    expect(await page.getByRole('option', { name: '東湖里（臺中市大里區東湖里）' }).count()).toBe(1);

    // A week later, still not sent: each waiting item is pointed out.
    await page.clock.setFixedTime(new Date(Date.now() + 8 * 24 * 3600_000));
    await page.getByRole('link', { name: '查看暫存資料' }).click();
    await page.getByRole('heading', { name: '暫存資料' }).waitFor();
    expect(await page.getByText('已暫存逾7日尚未送出').count()).toBe(2);
    await page.goBack();
    const contents = JSON.stringify(await deviceContents(page));
    for (const clear of ['林大明', '0933', '東湖路88號', first, refused]) expect(contents).not.toContain(clear);
    expect(contents).toContain('"extractable":false');
    expect(await casesNamed(first)).toHaveLength(0);

    await context.setOffline(false);
    const signInAgain = page.getByRole('dialog', { name: '請登入以送出暫存資料' });
    await signInAgain.getByLabel('密碼').fill('ofl-officer-password');
    await signInAgain.getByRole('button', { name: '登入並繼續' }).click();
    await page.getByText('退回待處理 1 筆').waitFor();
    expect(await page.getByText(/待送出/).count()).toBe(0);
    expect(await casesNamed(first)).toHaveLength(1);
    expect(await casesNamed(refused)).toHaveLength(0);

    // The refusal comes back as a task with what was typed; corrected, it is recorded once.
    await page.getByRole('link', { name: '查看暫存資料' }).click();
    await page.getByText(/未被受理：.*受理日期/).waitFor();
    await page.getByRole('button', { name: '開啟表單修正' }).click();
    await page.getByRole('heading', { name: '登錄反映（村里廉政平臺工作紀錄表）' }).waitFor();
    await expectValue(page, '需求/反映等內容概述', refused);
    await expectValue(page, '反映者姓名', '林大明');
    await page.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByRole('heading', { name: refused }).waitFor();
    expect(await casesNamed(refused)).toHaveLength(1);
    expect(await casesNamed(first)).toHaveLength(1);

    // Signing out takes the user's key, drafts and outbox off the device.
    await page.getByRole('button', { name: '登出' }).click();
    await page.getByRole('button', { name: '登入' }).waitFor();
    const after = await deviceContents(page);
    expect([after.keys, after.outbox, after.drafts, after.cache]).toEqual([[], [], [], []]);
    expect(errors).toEqual([]);
  }, 180_000);

  it('keeps what is typed as a sealed draft: a reload loses nothing, success clears it, and its announcement stays on its screen', async () => {
    const page = await context.newPage();
    await signIn(page, base, 'ofl.officer', 'ofl-officer-password');
    await page.getByRole('link', { name: '登錄反映' }).click();
    const summary = '東湖里路燈不亮，夜間行人安全堪慮';
    await page.getByLabel('需求/反映等內容概述').fill(summary);
    await page.getByLabel('反映者姓名').fill('陳美玲');
    await page.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    const typedAt = new Date().toISOString();
    await eventually(async () => ((await deviceContents(page)).drafts as { id: string; savedAt: string }[]).find((d) => d.id.endsWith('/record-reflection') && d.savedAt >= typedAt), 'the draft saved after the last keystroke');
    expect(JSON.stringify(await deviceContents(page))).not.toContain('陳美玲');

    await page.reload();
    await expectValue(page, '需求/反映等內容概述', summary);
    await expectValue(page, '反映者姓名', '陳美玲');
    await page.getByRole('button', { name: '送出' }).click();
    await page.getByRole('heading', { name: summary }).waitFor();
    await page.getByRole('status').filter({ hasText: '已登錄反映' }).waitFor();
    await page.getByRole('link', { name: '案件' }).first().click();
    await page.getByRole('heading', { name: '案件', exact: true }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '已登錄反映' }).count()).toBe(0);
    await page.getByRole('link', { name: '登錄反映' }).click();
    await page.getByRole('heading', { name: '登錄反映（村里廉政平臺工作紀錄表）' }).waitFor();
    expect(await page.getByLabel('需求/反映等內容概述').inputValue()).toBe('');
    expect((await deviceContents(page)).drafts).toEqual([]);
    expect(await casesNamed(summary)).toHaveLength(1);
    await page.close();
  }, 180_000);
});

async function expectValue(page: Page, label: string, value: string): Promise<void> {
  await eventually(async () => ((await page.getByLabel(label).inputValue()) === value ? true : undefined), `${label} put back`);
}
