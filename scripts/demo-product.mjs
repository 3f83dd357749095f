// The built product (`dist/`) on a fresh DATA_DIR in a process of its own, with a little data: for the
// screenshots and the web benchmark, which look at what a user would see.
import { createRequire } from 'node:module';

// The benchmarks' way to start the built product, compiled with them into dist/ (`npm run build`).
const { BENCH_ADMIN_PASSWORD, startBenchProduct } = createRequire(import.meta.url)('../dist/bench/bench-product.js');

export const DEMO_PASSWORDS = { admin: BENCH_ADMIN_PASSWORD, officer: 'tablet-demo-2026-a', supervisor: 'tablet-demo-2026-b', head: 'tablet-demo-2026-c' };

/** Starts the product on `port`; answers where the web application answers, a JSON caller and stop(). */
export async function startProduct(port) {
  const { origin, call, stop } = await startBenchProduct(port, 'demo');
  return { base: origin, call, stop };
}

/**
 * A unit with an officer, a supervisor and its head (never one account: the one who asks never approves), a site, one referral waiting for the head, the same
 * matter raised again (a hotspot), one case closed and published, and an approved plan. Answers the open case's id.
 */
export async function seedDemo(call) {
  const admin = (await call('/auth/token', { username: 'admin', password: DEMO_PASSWORDS.admin })).accessToken;
  const unit = await call('/units', { code: 'TXG', name: '臺中市政府政風處', agencyName: '臺中市政府' }, admin);
  await call('/users', { username: 'officer', password: DEMO_PASSWORDS.officer, displayName: '陳政風', unitId: unit.id, roles: ['ethics_officer'] }, admin);
  await call('/users', { username: 'supervisor', password: DEMO_PASSWORDS.supervisor, displayName: '林主任', unitId: unit.id, roles: ['supervisor'] }, admin);
  await call('/users', { username: 'head', password: DEMO_PASSWORDS.head, displayName: '張處長', unitId: unit.id, roles: ['agency_head'] }, admin);
  const officer = (await call('/auth/token', { username: 'officer', password: DEMO_PASSWORDS.officer })).accessToken;
  const supervisor = (await call('/auth/token', { username: 'supervisor', password: DEMO_PASSWORDS.supervisor })).accessToken;
  const head = (await call('/auth/token', { username: 'head', password: DEMO_PASSWORDS.head })).accessToken;
  const site = await call('/sites', { type: 'village_office', name: '北區賴村里辦公處', county: '臺中市', township: '北區', village: '賴村里' }, officer);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const reflection = await call('/reflections', { nature: 'public_need', category: 'public_facilities', summary: '河川疏濬延宕，雨季恐淹水', receivedOn: today, siteId: site.id, theme: 'river_dredging', handlingOpinion: '簽會工務課', reporter: { name: '王小明', phone: '0912-345-678' } }, officer);
  await call(`/reflections/${reflection.id}/route`, { departments: ['工務課'] }, officer);
  await call(`/reflections/${reflection.id}/request-head-approval`, { agency: '經濟部水利署', note: '屬中央管河川' }, officer);
  // The same matter raised again at the same village office: a hotspot among the unit's own cases.
  await call('/reflections', { nature: 'public_need', category: 'public_facilities', summary: '賴村里河段疏濬延宕多時，雨季恐淹水', receivedOn: today, siteId: site.id, theme: 'river_dredging' }, officer);

  const done = await call('/reflections', { nature: 'public_need', category: 'public_facilities', summary: '里民活動中心路燈故障', receivedOn: today, siteId: site.id, theme: 'local_public_works', reporter: { name: '李大同' } }, officer);
  const steps = [
    ['route', { departments: ['工務課'] }, officer],
    ['department-responses', { department: '工務課', response: '已派員更換路燈' }, officer],
    ['report-to-head', { note: '陳報首長' }, officer],
    ['head-decisions', { subject: 'report', decision: 'approved' }, head],
    ['citizen-replies', { channel: 'phone', content: '已電話回復里長' }, officer],
    ['close', { outcome: '路燈已修復' }, officer],
    ['publish', { venue: 'village_assembly', publicSummary: '里民活動中心前路燈故障，已由工務課更換修復。' }, supervisor],
  ];
  for (const [verb, body, token] of steps) await call(`/reflections/${done.id}/${verb}`, body, token);

  const plan = await call('/plans', { title: '臺中市政府115年度村里廉政平臺細部實施計畫', validFrom: '2026-11-01', validTo: '2027-10-31', sites: [{ siteId: site.id, visitEveryDays: 14 }], themes: ['river_dredging'], taskForce: [{ name: '陳政風', role: 'ethics_officer' }, { name: '賴村里幹事', role: 'village_officer' }] }, officer);
  await call(`/plans/${plan.id}/approve`, { documentNo: '府授政字第1150100號', decidedOn: today }, head);
  return { reflectionId: reflection.id };
}
