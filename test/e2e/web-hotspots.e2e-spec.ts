import type { Browser } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { launchChromium, signedInPage } from '../support/browser';
import { aacAuditor, ADMIN, aReflection, bearer, handledByOwnAgency, listening, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** An officer names the matter's village on the form; the AAC finds the matter raised with three units and studies it. */
describe('places and hotspots on screen', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let units: UnitUsers[];

  beforeAll(async () => {
    t = await startTestApp();
    base = await listening(t);
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    units = [await unitWithUsers(t, admin, 'HW1'), await unitWithUsers(t, admin, 'HW2'), await unitWithUsers(t, admin, 'HW3')];
    await aacAuditor(t, admin, 'aac.hw');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('records a reflection in the village typed, and the AAC opens the hotspot it makes and marks it 已研析', async () => {
    const errors: string[] = [];
    const officer = await signedInPage(browser, base, 'hw1.officer', 'hw1-officer-password', errors);
    await officer.getByRole('link', { name: '登錄反映' }).click();
    const summary = '大里溪河道疏濬工程延宕，雨季恐淹水';
    await officer.getByLabel('需求/反映等內容概述').fill(summary);
    await officer.getByLabel('受理日期（民國年/月/日）').fill('115/11/26');
    await officer.getByLabel('主題').selectOption({ label: '河川疏濬' });
    await officer.getByLabel('搜尋村里（村里、鄉鎮市區或縣市名稱）').fill('大里 東湖');
    await officer.getByRole('option', { name: '臺中市大里區東湖里' }).waitFor({ state: 'attached' });
    await officer.getByLabel('反映事項所在村里').selectOption({ label: '臺中市大里區東湖里' });
    await officer.getByRole('button', { name: '送出' }).click();
    await officer.getByRole('heading', { name: summary }).waitFor();
    await officer.getByText('臺中市大里區東湖里').waitFor();
    await officer.close();

    const [dali] = (await t.http().get('/api/v1/places/villages').query({ q: '臺中市 大里區 大里里' }).set(bearer(units[1].tokens.officer)).expect(200)).body.items;
    for (const [unit, text] of [
      [units[1], '有關大里溪：淤積嚴重遲未疏濬，居民擔心颱風季節溢堤淹水，請協助'],
      [units[2], '居民反映大里溪疏濬工程進度落後，汛期將至恐造成水患，請儘速處理'],
    ] as const) {
      await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, theme: 'river_dredging', villageCode: dali.villageCode, summary: text }).expect(201);
    }

    const aac = await signedInPage(browser, base, 'aac.hw', 'aac-hw-auditor-password', errors);
    await aac.goto(`${base}/dashboard`);
    const beside = aac.getByRole('region', { name: '熱點' });
    await beside.getByText(/臺中市大里區：.*（3 件/).waitFor();
    expect(await axeViolations(aac)).toEqual([]);
    await beside.getByRole('link', { name: '所有熱點' }).click();
    await aac.getByRole('heading', { name: '熱點：各政風機構受理的同一事項' }).waitFor();
    await aac.getByText(/臺中市大里區：.*3 個政風機構/).click();
    const cases = aac.getByRole('table', { name: '熱點所含反映（不含反映者個人資料）' });
    await cases.waitFor();
    expect(await cases.getByRole('row').count()).toBe(4);
    for (const unit of ['HW1政風室', 'HW2政風室', 'HW3政風室']) await cases.getByRole('cell', { name: unit }).waitFor();
    expect(await axeViolations(aac)).toEqual([]);
    await aac.getByLabel('研析意見').fill('已函請經濟部水利署第三河川分署說明疏濬期程，列入專案稽核');
    await aac.getByRole('button', { name: '標記為已研析' }).click();
    await aac.getByText(/^已研析（115\/\d{2}\/\d{2} \d{2}:\d{2}）$/).first().waitFor();
    await aac.getByText('已函請經濟部水利署第三河川分署說明疏濬期程，列入專案稽核').waitFor();
    expect(await aac.getByRole('button', { name: '標記為已研析' }).count()).toBe(0);
    await aac.close();
    expect(errors).toEqual([]);
  }, 180_000);

  it('shows anyone the results published in each town, on a map and in a table whose town opens its results', async () => {
    const unit = units[0];
    const [village] = (await t.http().get('/api/v1/places/villages').query({ q: '鶯歌 二甲' }).set(bearer(unit.tokens.officer)).expect(200)).body.items;
    const id = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, villageCode: village.villageCode, summary: '二甲國小圍牆龜裂' }).expect(201)).body.id;
    await handledByOwnAgency(t, id, unit.tokens);
    const post = (verb: string, body: object) => t.http().post(`/api/v1/reflections/${id}/${verb}`).set(bearer(unit.tokens.officer)).send(body).expect(200);
    await post('citizen-replies', { channel: 'phone', content: '已電話回復' });
    await post('close', { outcome: '圍牆已補強' });
    await post('publish', { venue: 'village_assembly', publicSummary: '二甲國小圍牆已補強完成' });

    const errors: string[] = [];
    const anyone = await browser.newPage();
    anyone.on('pageerror', (error) => errors.push(error.message));
    await anyone.goto(`${base}/public`);
    const towns = anyone.getByRole('region', { name: '各鄉鎮市區成果件數' });
    await towns.getByText('以地圖檢視').click();
    await towns.getByRole('img', { name: '全國各縣市成果件數地圖' }).waitFor();
    expect(await axeViolations(anyone)).toEqual([]);
    await towns.getByRole('link', { name: '鶯歌區' }).click();
    await anyone.waitForURL(/township=/);
    await anyone.getByText('二甲國小圍牆已補強完成').waitFor();
    expect(await anyone.getByRole('search').getByLabel('鄉鎮市區').inputValue()).toBe('鶯歌區');
    // The map stays open: now the county's towns.
    await towns.getByRole('img', { name: '新北市各鄉鎮市區成果件數地圖' }).waitFor();
    await anyone.close();
    expect(errors).toEqual([]);
  }, 120_000);
});
