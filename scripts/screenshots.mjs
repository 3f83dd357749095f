// `npm run screenshots`: every screen at 1280 and 768 px wide, into screenshots/ (git-ignored), from the built
// product on a fresh DATA_DIR with a little data of its own.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const port = 3931;
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'integrity-screens-'));
const out = join(process.cwd(), 'screenshots');
mkdirSync(out, { recursive: true });

const server = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_PASSWORD: 'screens-admin-password', REDIS_URL: '', MONGODB_URI: '' },
  stdio: 'ignore',
});

async function call(path, body, token) {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      if (i > 300) throw new Error('the product did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const admin = (await call('/auth/token', { username: 'admin', password: 'screens-admin-password' })).accessToken;
  const unit = await call('/units', { code: 'TXG', name: '臺中市政府政風處', agencyName: '臺中市政府' }, admin);
  await call('/users', { username: 'officer', password: 'officer-password', displayName: '陳政風', unitId: unit.id, roles: ['ethics_officer'] }, admin);
  await call('/users', { username: 'supervisor', password: 'supervisor-password', displayName: '林主任', unitId: unit.id, roles: ['supervisor'] }, admin);
  const officer = (await call('/auth/token', { username: 'officer', password: 'officer-password' })).accessToken;
  const site = await call('/sites', { type: 'village_office', name: '北區賴村里辦公處', county: '臺中市', township: '北區', village: '賴村里' }, officer);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const reflection = await call('/reflections', { nature: 'public_need', category: 'public_facilities', summary: '河川疏濬延宕，雨季恐淹水', receivedOn: today, siteId: site.id, theme: 'river_dredging', handlingOpinion: '簽會工務課', reporter: { name: '王小明', phone: '0912-345-678' } }, officer);
  await call(`/reflections/${reflection.id}/route`, { departments: ['工務課'] }, officer);
  await call(`/reflections/${reflection.id}/request-head-approval`, { agency: '經濟部水利署', note: '屬中央管河川' }, officer);
  const supervisorToken = (await call('/auth/token', { username: 'supervisor', password: 'supervisor-password' })).accessToken;
  const plan = await call('/plans', { title: '臺中市政府115年度村里廉政平臺細部實施計畫', validFrom: '2026-11-01', validTo: '2027-10-31', sites: [{ siteId: site.id, visitEveryDays: 14 }], themes: ['river_dredging'], taskForce: [{ name: '陳政風', role: 'ethics_officer' }, { name: '賴村里幹事', role: 'village_officer' }] }, officer);
  await call(`/plans/${plan.id}/approve`, { documentNo: '府授政字第1150100號', decidedOn: today }, supervisorToken);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  for (const width of [1280, 768]) {
    const page = await browser.newPage({ viewport: { width, height: 1000 } });
    await page.goto(base);
    await page.screenshot({ path: join(out, `sign-in-${width}.png`), fullPage: true });
    await page.getByLabel('帳號').fill('supervisor');
    await page.getByLabel('密碼').fill('supervisor-password');
    await page.getByRole('button', { name: '登入' }).click();
    await page.getByRole('navigation', { name: '主選單' }).waitFor();
    for (const [name, path] of [['cases', '/cases'], ['record', '/cases/new'], ['case', `/cases/${reflection.id}`], ['report', '/reports'], ['follow-ups', '/follow-ups'], ['dashboard', '/dashboard'], ['registers', '/registers'], ['plans', '/plans'], ['notifications', '/notifications'], ['admin', '/admin'], ['public', '/public']]) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
    }
    await page.close();
  }
  await browser.close();
  console.log(`Screenshots in ${out}`);
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
