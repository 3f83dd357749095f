// `npm run bench` (web part): Lighthouse's mobile preset (simulated slow 4G, 4x CPU slowdown) on the sign-in
// page, the public results and the citizens' status page, then, signed in as the officer, on the case list, a case, the dashboard and the
// record form; from the built product on a fresh DATA_DIR with a little data, in Debian's Chromium, each page
// loaded cold (no HTTP cache, no service worker). Prints each score beside its budget. Not in CI: scores depend
// on the machine.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import lighthouse, { startFlow } from 'lighthouse';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { DEMO_PASSWORDS, seedDemo, startProduct } from '../scripts/demo-product.mjs';

const BUDGET = { performance: 90, accessibility: 100, 'best-practices': 100 };
const LCP_BUDGET_MS = 2500;
const RUNS = 3;

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Attempts at one Lighthouse run: a trace that failed to record (NO_NAVSTART and the like) says to run it again. */
const ATTEMPTS = 3;

/** One Lighthouse run of a page, tried again when it reports a runtime error; the error once attempts run out. */
async function audited(url) {
  for (let attempt = 1; ; attempt++) {
    const { lhr } = await lighthouse(url, { port: debuggingPort, output: 'json', logLevel: 'error', onlyCategories: Object.keys(BUDGET) });
    if (!lhr.runtimeError) return lhr;
    if (attempt === ATTEMPTS) throw new Error(`${url}: ${lhr.runtimeError.message}`);
    console.error(`  ${url}: ${lhr.runtimeError.code}, running it again`);
  }
}

/**
 * Lighthouse on a page of a signed-in user: the token is in the tab's sessionStorage, so each run signs a tab in
 * and navigates it (a user flow, storage kept), after emptying the HTTP cache and the service worker's, for a cold
 * load like the first on a new tablet.
 */
function signedInAuditor(token) {
  return async (url) => {
    const connected = await puppeteer.connect({ browserURL: `http://127.0.0.1:${debuggingPort}` });
    const page = await connected.newPage();
    try {
      // A page of the origin that loads nothing itself, so no request of its own is cut off by the navigation measured.
      await page.goto(new URL('/robots.txt', url).href);
      await page.evaluate((value) => globalThis.sessionStorage.setItem('integrity-token', value), token);
      const session = await page.createCDPSession();
      await session.send('Storage.clearDataForOrigin', { origin: new URL(url).origin, storageTypes: 'cache_storage,service_workers' });
      await session.send('Network.clearBrowserCache');
      const flow = await startFlow(page, { config: { extends: 'lighthouse:default', settings: { onlyCategories: Object.keys(BUDGET), disableStorageReset: true } } });
      await flow.navigate(url);
      const { lhr } = (await flow.createFlowResult()).steps[0];
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      return lhr;
    } finally {
      await page.close();
      await connected.disconnect();
    }
  };
}

// A port of its own: a product left running on a fixed port would answer in this one's place.
const { base, call, stop } = await startProduct(await freePort());
const debuggingPort = await freePort();
let browser = null;
let failed = false;
/** Each page's medians by name, for `npm run bench -- --json` (run-all passes the file to write them to). */
const figures = {};
const figureName = (path) => (path === '/' ? 'sign_in' : path === '/cases/new' ? 'record_form' : path.startsWith('/cases/') ? 'case' : path.slice(1).replace(/\W/g, '_'));
try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', `--remote-debugging-port=${debuggingPort}`],
  });
  const { reflectionId } = await seedDemo(call);
  const officerToken = (await call('/auth/token', { username: 'officer', password: DEMO_PASSWORDS.officer })).accessToken;
  console.log(`Web pages, Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} mobile preset (simulated slow 4G, 4x CPU slowdown), median of ${RUNS} runs`);
  const signedIn = signedInAuditor(officerToken);
  const pages = [
    ['/', audited],
    ['/public', audited],
    // The citizens' status page, on their phones: a higher bar for performance (issue #39).
    ['/status', audited, { performance: 95 }],
    ['/cases', signedIn],
    [`/cases/${reflectionId}`, signedIn],
    ['/dashboard', signedIn],
    ['/hotspots', signedIn],
    ['/cases/new', signedIn],
  ];
  // BENCH_WEB_PAGES=/cases,/dashboard measures those alone (a case's page is /cases/<id>).
  const only = process.env.BENCH_WEB_PAGES?.split(',');
  for (const [path, audit, stricter] of pages.filter(([path]) => !only || only.some((wanted) => path === wanted || (wanted === '/cases/<id>' && path.startsWith('/cases/') && path !== '/cases/new')))) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await audit(`${base}${path}`));
    }
    const score = (category) => median(runs.map((lhr) => Math.round((lhr.categories[category].score ?? 0) * 100)));
    const lcp = median(runs.map((lhr) => lhr.audits['largest-contentful-paint'].numericValue));
    const transfer = median(runs.map((lhr) => lhr.audits['total-byte-weight'].numericValue));
    console.log(`  ${path}`);
    for (const [category, budget] of Object.entries({ ...BUDGET, ...stricter })) {
      const value = score(category);
      failed ||= value < budget;
      console.log(`    ${category.padEnd(16)} ${String(value).padStart(3)}  (budget ≥ ${budget})`);
    }
    failed ||= lcp >= LCP_BUDGET_MS;
    console.log(`    LCP              ${(lcp / 1000).toFixed(2)} s  (budget < ${LCP_BUDGET_MS / 1000} s)`);
    const cls = median(runs.map((lhr) => lhr.audits['cumulative-layout-shift'].numericValue));
    const tbt = median(runs.map((lhr) => lhr.audits['total-blocking-time'].numericValue));
    console.log(`    layout shift     ${cls.toFixed(3)}  (budget < 0.1)`);
    console.log(`    blocking time    ${tbt.toFixed(0)} ms  (budget < 200 ms)`);
    console.log(`    transferred      ${(transfer / 1024).toFixed(0)} KiB`);
    const name = `web.${figureName(path)}`;
    for (const [category, budget] of Object.entries({ ...BUDGET, ...stricter })) figures[`${name}.${category.replace('-', '_')}`] = { value: score(category), unit: 'score', target: `>= ${budget}` };
    figures[`${name}.lcp_s`] = { value: Number((lcp / 1000).toFixed(2)), unit: 's', target: `< ${LCP_BUDGET_MS / 1000}` };
    figures[`${name}.blocking_time_ms`] = { value: Math.round(tbt), unit: 'ms', target: '< 200' };
    figures[`${name}.transferred_kib`] = { value: Math.round(transfer / 1024), unit: 'KiB' };
    const last = runs[runs.length - 1];
    for (const category of Object.keys(BUDGET)) {
      for (const ref of last.categories[category].auditRefs) {
        const audit = last.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 0.9) {
          console.log(`      ${category}: ${audit.id} ${audit.displayValue ?? ''} (${audit.title})`);
          for (const item of (audit.details?.items ?? []).slice(0, 3)) console.log(`        ${item.description ?? ''} ${item.source ?? ''} ${item.sourceLocation?.url ?? item.url ?? ''}`);
        }
      }
    }
  }
} finally {
  await browser?.close();
  await stop();
}
if (process.env.BENCH_FIGURES_OUT) writeFileSync(process.env.BENCH_FIGURES_OUT, JSON.stringify(figures));
if (failed) console.log('  over budget');
