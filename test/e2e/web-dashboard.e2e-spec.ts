import type { Browser, Page } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { launchChromium, signedInPage } from '../support/browser';
import { aacAuditor, ADMIN, aReflection, bearer, handledByOwnAgency, listening, startTestApp, type TestApp, tokenFor, unitWithUsers } from '../support/test-app';

/** A chart's numbers as its table gives them (the table screen readers read), by row label. */
async function chartTable(page: Page, title: string): Promise<Record<string, number>> {
  const rows = await page
    .locator('figure.chart')
    .filter({ has: page.locator('figcaption', { hasText: new RegExp(`^${title}$`) }) })
    .locator('tbody tr')
    .evaluateAll((all) => all.map((row) => [row.querySelector('th')?.textContent ?? '', Number(row.querySelector('td')?.textContent)]));
  return Object.fromEntries(rows);
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('the dashboard’s charts', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(t, admin, 'DSH');
    const quiet = await unitWithUsers(t, admin, 'QUI');
    await t.http().put(`/api/v1/units/${quiet.unitId}/profile`).set(bearer(admin)).send({ county: null, ministry: '內政部', level: 'central' }).expect(200);
    const record = async (overrides: object) => (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, ...overrides }).expect(201)).body.id as string;
    const siteId = (await t.http().post('/api/v1/sites').set(bearer(unit.tokens.officer)).send({ type: 'village_office', name: '東湖里辦公處', county: '臺中市', township: '大里區', village: '東湖里' }).expect(201)).body.id;
    const closed = await record({ siteId });
    await record({ receivedOn: '2026-10-15' });
    await record({ category: 'service_efficiency', theme: 'other', summary: '戶政事務所排隊過久' });
    await handledByOwnAgency(t, closed, unit.tokens);
    await t.http().post(`/api/v1/reflections/${closed}/citizen-replies`).set(bearer(unit.tokens.officer)).send({ channel: 'phone', content: '已回復' }).expect(200);
    await t.http().post(`/api/v1/reflections/${closed}/close`).set(bearer(unit.tokens.officer)).send({ outcome: '結案' }).expect(200);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('agree with the figures above them, in every chart and its table', async () => {
    const errors: string[] = [];
    const page = await signedInPage(browser, base, 'dsh.supervisor', 'dsh-supervisor-password', errors, 768);
    await page.getByRole('link', { name: '儀表板' }).click();
    const figures = page.getByText(/^案件 3・未結案 2・逾期 \d+・/);
    await figures.waitFor();
    const overdue = Number(/逾期 (\d+)/.exec((await figures.textContent()) ?? '')?.[1]);
    expect(await chartTable(page, '未結案與逾期')).toEqual({ 未結案: 2, 逾期: overdue });
    const byStatus = await chartTable(page, '狀態');
    expect(sum(byStatus)).toBe(3);
    expect(byStatus['已結案']).toBe(1);
    expect(sum(byStatus) - byStatus['已結案']).toBe(2);
    expect(await chartTable(page, '類別')).toEqual({ '公共設施欠缺或設置管理不當，影響民眾權益之情': 2, '民眾申辦案件作業效率、服務品質滿意度': 1 });
    expect(await chartTable(page, '主題')).toEqual({ 河川疏濬: 2, 其他: 1 });
    expect(await chartTable(page, '月份')).toEqual({ '115年10月': 1, '115年11月': 2 });
    // Where they come from: the same three cases, by the village of their site.
    const places = page.getByRole('region', { name: '各地反映件數' });
    await places.getByRole('row', { name: '臺中市 大里區 東湖里 1' }).waitFor();
    await places.getByRole('row', { name: '未指定地點 2' }).waitFor();
    // The map draws the same numbers once scrolled to: 臺中市's villages, 東湖里 shaded with its one case, the others with none.
    await places.scrollIntoViewIfNeeded();
    await places.getByRole('img', { name: '臺中市各村里反映件數地圖' }).waitFor();
    const shaded = await places.locator('path[data-count]:not([data-count="0"])').evaluateAll((paths) => paths.map((p) => `${p.querySelector('title')?.textContent}`));
    expect(shaded).toEqual(['大里區東湖里：1 件']);
    expect(await places.locator('path[data-count="0"]').count()).toBeGreaterThan(600);
    expect(await axeViolations(page)).toEqual([]);
    await places.getByLabel('依').selectOption({ label: '縣市' });
    await places.getByRole('row', { name: '臺中市 1' }).waitFor();
    await places.getByRole('img', { name: '全國各縣市反映件數地圖' }).waitFor();
    expect(await places.locator('path[data-count="1"] title').allTextContents()).toEqual(['臺中市：1 件']);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('are legible at 768 px: axes, 13 px text or larger, no label cut off, and a table on request', async () => {
    const errors: string[] = [];
    const page = await signedInPage(browser, base, 'dsh.supervisor', 'dsh-supervisor-password', errors, 768);
    await page.getByRole('link', { name: '儀表板' }).click();
    await page.getByText('案件 3・').waitFor();
    const charts = page.locator('figure.chart > .chart-drawing > svg');
    await charts.first().waitFor();
    expect(await charts.count()).toBe(5);
    const drawn = await charts.evaluateAll((svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')].filter((text) => (text.textContent ?? '').trim() !== '');
        return {
          axes: svg.querySelectorAll('.visx-axis').length,
          smallest: Math.min(...texts.map((text) => parseFloat(text.ownerDocument.defaultView?.getComputedStyle(text).fontSize ?? '0'))),
          outside: texts
            .map((text) => ({ text: text.textContent, r: text.getBoundingClientRect() }))
            .filter(({ r }) => r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
            .map(({ text }) => text),
          unitLabel: [...texts].some((text) => text.textContent === '件數'),
        };
      }),
    );
    for (const chart of drawn) expect(chart).toEqual({ axes: 2, smallest: expect.any(Number), outside: [], unitLabel: true });
    for (const chart of drawn) expect(chart.smallest).toBeGreaterThanOrEqual(13);

    const status = page.locator('figure.chart').filter({ has: page.locator('figcaption', { hasText: /^狀態$/ }) });
    const table = status.getByRole('table', { name: '狀態' });
    // Hidden from sight (one clipped pixel) but read by screen readers, until asked for.
    const shown = table.locator('xpath=..');
    expect((await shown.boundingBox())?.width).toBeLessThanOrEqual(1);
    await status.getByRole('button', { name: '以表格檢視' }).click();
    await table.getByRole('row', { name: '已結案 1' }).waitFor();
    expect((await shown.boundingBox())?.width).toBeGreaterThan(100);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('starts the AAC from one table of every unit, sorted and filtered by name, county, ministry and level, with totals, each row opening that unit’s dashboard', async () => {
    await aacAuditor(t, admin, 'dsh.aac');
    const errors: string[] = [];
    // The administrator says where the unit's agency is and under whom.
    const administrator = await signedInPage(browser, base, 'admin', ADMIN.password, errors);
    await administrator.goto(`${base}/admin`);
    const profile = administrator.getByRole('form', { name: 'DSH政風室所在縣市及主管機關' });
    await profile.getByLabel('縣市').selectOption('臺中市');
    await profile.getByLabel('主管機關').fill('臺中市政府');
    await profile.getByLabel('機關層級').selectOption({ label: '地方機關' });
    await profile.getByRole('button', { name: '設定' }).click();
    await administrator.getByRole('status').getByText('已設定DSH政風室所在縣市及主管機關').waitFor();
    await administrator.close();

    const page = await signedInPage(browser, base, 'dsh.aac', 'dsh-aac-auditor-password', errors);
    await page.getByRole('link', { name: '儀表板' }).click();
    const table = page.getByRole('region', { name: '各政風機構概況' });
    await table.getByRole('heading', { name: '各政風機構概況（2 個機構）' }).waitFor();
    const units = async () => table.locator('tbody tr td:first-child').allInnerTexts();
    await table.getByRole('button', { name: '案件' }).click();
    expect(await units()).toEqual(['DSH政風室', 'QUI政風室']);
    await table.getByRole('button', { name: '案件' }).click();
    expect(await units()).toEqual(['QUI政風室', 'DSH政風室']);
    await table.getByRole('row', { name: /^合計 3 2/ }).waitFor();
    await table.getByLabel('機關層級').selectOption({ label: '中央機關' });
    expect(await units()).toEqual(['QUI政風室']);
    await table.getByLabel('機關層級').selectOption({ label: '全部' });
    await table.getByLabel('縣市').selectOption('臺中市');
    expect(await units()).toEqual(['DSH政風室']);
    await table.getByLabel('縣市').selectOption({ label: '全部' });
    await table.getByLabel('主管機關').selectOption('內政部');
    expect(await units()).toEqual(['QUI政風室']);
    await table.getByLabel('主管機關').selectOption({ label: '全部' });
    await table.getByLabel('機構名稱').fill('DSH');
    expect(await units()).toEqual(['DSH政風室']);
    await table.getByRole('link', { name: 'DSH政風室' }).click();
    await page.getByText(/^案件 3・未結案 2・/).waitFor();
    await page.getByRole('region', { name: '各地反映件數' }).getByRole('row', { name: '臺中市 大里區 東湖里 1' }).waitFor();
    await page.getByRole('link', { name: '回到各政風機構概況' }).click();
    await table.waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
