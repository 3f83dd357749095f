import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@integrity/event-store';
import { BENCH_ADMIN_PASSWORD, startBenchProduct, type BenchProduct } from './bench-product';
import { figure, percentile } from './figures';
import { generateHistory } from './history-generator';
import { rebuildCommand } from './read-models.bench';

/** 50 units, a ministry's; about 11.4 events a reflection in the generated history. */
const UNITS = 50;
const SIZES = [
  { label: '0.2m', reflections: 17_500 },
  { label: '1m', reflections: 87_500 },
  { label: '3m', reflections: 263_000 },
] as const;
/** The generated history's shape, kept beside it: a log generated for another shape is generated again. */
const SHAPE_VERSION = 1;
const PORT = 3921;
const READS = 1_000;
const OFFICER = { username: 'scale.officer', password: 'scale-officer-password' };
const AUDITOR = { username: 'scale.auditor', password: 'scale-auditor-password' };

const TARGETS = {
  rss: 400,
  rssGrowth: 1.5,
  startAtLargest: 10,
  rebuild: 50_000,
  read: 50,
  dashboardAac: 100,
  report: 200,
};

/** Where the generated logs stay between runs (the 3M one takes minutes to make): BENCH_DATA_DIR, or .bench-data. */
const dataRoot = (): string => resolve(process.env.BENCH_DATA_DIR ?? join(__dirname, '../../.bench-data'));

/** The resident memory of a process, from Linux's /proc; null elsewhere. */
function rssMb(pid: number): number | null {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface Generated {
  version: number;
  reflections: number;
  units: number;
  events: number;
}

/**
 * A data directory holding a generated history of this size: units, an officer and an AAC auditor made through
 * the API as an administrator makes them, then the reflections' lives appended to the log. Kept between runs.
 */
async function generated(size: (typeof SIZES)[number]): Promise<{ dir: string; events: number }> {
  const dir = join(dataRoot(), `scale-${size.label}`);
  const marker = join(dir, 'bench-generated.json');
  if (existsSync(marker)) {
    const kept = JSON.parse(readFileSync(marker, 'utf8')) as Generated;
    if (kept.version === SHAPE_VERSION && kept.reflections === size.reflections && kept.units === UNITS) return { dir, events: kept.events };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const product = await startBenchProduct(PORT, 'scale', dir);
  const unitIds: string[] = [];
  try {
    const admin = (await product.call('/auth/token', { username: 'admin', password: BENCH_ADMIN_PASSWORD })).accessToken;
    for (let i = 0; i < UNITS; i++) unitIds.push((await product.call('/units', { code: `S${i}`, name: `第${i + 1}政風室`, agencyName: `第${i + 1}機關` }, admin)).id);
    await product.call('/users', { ...OFFICER, displayName: '壓測承辦', unitId: unitIds[0], roles: ['ethics_officer'] }, admin);
    const aac = await product.call('/units', { code: 'SAAC', name: '法務部廉政署', agencyName: '法務部', kind: 'aac' }, admin);
    await product.call('/users', { ...AUDITOR, displayName: '壓測稽核', unitId: aac.id, roles: ['aac_auditor'] }, admin);
  } finally {
    await product.stop();
  }
  const log = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  const started = Date.now();
  const { events } = await generateHistory(log, { units: UNITS, unitIds, sitesPerUnit: 10, reflections: size.reflections, seed: 42 });
  await log.close();
  // A running worker would have sent the reminders of the obligations already overdue as they fell due: they are
  // sent now, once, so that a measured start does not spend itself catching up on them (after a rebuild, which
  // projects the generated log faster than the running projector).
  await rebuildCommand(dir);
  const settling = await startBenchProduct(PORT, 'scale', dir);
  let position: string | null;
  try {
    position = await settled(settling);
  } finally {
    await settling.stop();
  }
  console.log(`  generated ${size.reflections.toLocaleString('en')} reflections (${events.toLocaleString('en')} events, up to position ${position}) in ${((Date.now() - started) / 1000).toFixed(0)} s, kept in ${dir}`);
  writeFileSync(marker, JSON.stringify({ version: SHAPE_VERSION, reflections: size.reflections, units: UNITS, events } satisfies Generated));
  return { dir, events };
}

/** Waits until the product is ready and its read models have not moved for five seconds: the worker has sent what was due. */
async function settled(product: BenchProduct): Promise<string | null> {
  let last: string | null = null;
  let still = 0;
  while (still < 5) {
    await new Promise((done) => setTimeout(done, 1000));
    const ready = await fetch(`${product.base}/health/ready`).catch(() => null);
    const position = ready?.ok ? ((await ready.json()) as { projection: { position: string | null } }).projection.position : null;
    still = ready?.ok && position === last ? still + 1 : 0;
    last = position;
  }
  return last;
}

/** `npm run audit:verify` over the stopped directory: events a second, by the wall clock around the command. */
async function auditVerify(dir: string): Promise<number> {
  const started = Date.now();
  const command = spawn(process.execPath, [join(__dirname, '../apps/cli/src/audit-verify.js'), dir], {
    env: { ...process.env, DATA_DIR: dir, EVENTSTORE_CONNECTION_STRING: '', MONGODB_URI: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  command.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const code = await new Promise((done) => command.once('exit', done));
  const intact = /Intact: (\d+) events/.exec(said);
  if (code !== 0 || !intact) throw new Error(`audit:verify did not find the log intact (exit ${String(code)}): ${said.slice(-500)}`);
  return Number(intact[1]) / ((Date.now() - started) / 1000);
}

type ReadKind = 'list' | 'followups' | 'case' | 'dashboard_unit' | 'dashboard_aac' | 'report';

/** 1,000 reads as the screens make them, in turn: an officer's lists, cases, dashboard and report, and the AAC's dashboard. */
async function mixedReads(product: BenchProduct, officer: string, auditor: string): Promise<Record<ReadKind, number[]>> {
  const get = async (path: string, token: string): Promise<Record<string, unknown>> => {
    const response = await fetch(`${product.base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const firstPage = (await get('/reflections?limit=50', officer)).items as { id: string }[];
  const periods = ((await get('/reports/periods', officer)).items as { start: string }[]).map((period) => period.start);
  const lists = ['', '?status=in_progress', '?q=%E6%B2%B3%E5%B7%9D', '?overdue=true', '?category=public_facilities&sort=receivedOn'];
  const reads: [ReadKind, (i: number) => string, string][] = [
    ['list', (i) => `/reflections${lists[i % lists.length]}`, officer],
    ['followups', () => '/follow-ups?state=overdue', officer],
    ['case', (i) => `/reflections/${firstPage[i % firstPage.length].id}`, officer],
    ['dashboard_unit', () => '/dashboard', officer],
    ['dashboard_aac', () => '/dashboard', auditor],
    ['report', (i) => `/reports/biweekly?periodStart=${periods[(i % (periods.length - 1)) + 1]}`, officer],
  ];
  const samples = Object.fromEntries(reads.map(([kind]) => [kind, [] as number[]])) as Record<ReadKind, number[]>;
  for (let i = 0; i < READS; i++) {
    const [kind, path, token] = reads[i % reads.length];
    const started = process.hrtime.bigint();
    await get(path(Math.floor(i / reads.length)), token);
    samples[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

/** Starts the product on the directory and times it to `/health/ready`. */
async function startTimed(dir: string): Promise<{ product: BenchProduct; seconds: number }> {
  const started = Date.now();
  const product = await startBenchProduct(PORT, 'scale', dir);
  for (;;) {
    const ready = await fetch(`${product.base}/health/ready`).catch(() => null);
    if (ready?.ok) return { product, seconds: (Date.now() - started) / 1000 };
    if (Date.now() - started > 15 * 60_000) {
      await product.stop();
      throw new Error('The product was not ready within 15 minutes');
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

interface Point {
  label: string;
  events: number;
  rebuild: number;
  start: number;
  rssStarted: number | null;
  rssRead: number | null;
  reads: Record<ReadKind, number[]>;
  verify: number;
}

async function measure(size: (typeof SIZES)[number]): Promise<Point> {
  const { dir, events } = await generated(size);
  const rebuild = await rebuildCommand(dir);
  const { product, seconds: start } = await startTimed(dir);
  let point: Omit<Point, 'verify'>;
  try {
    const pid = product.server.pid as number;
    const rssStarted = rssMb(pid);
    const officer = (await product.call('/auth/token', OFFICER)).accessToken;
    const auditor = (await product.call('/auth/token', AUDITOR)).accessToken;
    const reads = await mixedReads(product, officer, auditor);
    point = { label: size.label, events, rebuild, start, rssStarted, rssRead: rssMb(pid), reads };
  } finally {
    await product.stop();
  }
  return { ...point, verify: await auditVerify(dir) };
}

const READ_FIGURES: { kind: ReadKind; name: string; target: number }[] = [
  { kind: 'list', name: 'list_p99_ms', target: TARGETS.read },
  { kind: 'followups', name: 'followups_p99_ms', target: TARGETS.read },
  { kind: 'case', name: 'case_p99_ms', target: TARGETS.read },
  { kind: 'dashboard_unit', name: 'dashboard_unit_p99_ms', target: TARGETS.read },
  { kind: 'dashboard_aac', name: 'dashboard_aac_p99_ms', target: TARGETS.dashboardAac },
  { kind: 'report', name: 'report_p99_ms', target: TARGETS.report },
];

const round = (value: number | null, digits = 0) => (value === null ? 'n/a' : value.toLocaleString('en', { maximumFractionDigits: digits }));

/**
 * `npm run bench -- scale`: the product over generated logs of about 0.2M, 1M and 3M events (50 units), each as an
 * operator meets it: rebuilt by `projections:rebuild`, started, read 1,000 times over HTTP, verified by
 * `audit:verify`. SCALE_SIZES (e.g. `0.2m,1m`) measures fewer sizes.
 */
export async function benchScale(): Promise<void> {
  const wanted = process.env.SCALE_SIZES?.split(',').map((label) => label.trim());
  const sizes = wanted ? SIZES.filter((size) => wanted.includes(size.label)) : SIZES;
  if (sizes.length === 0) throw new Error(`SCALE_SIZES names none of ${SIZES.map((size) => size.label).join(', ')}`);
  const points: Point[] = [];
  for (const size of sizes) {
    const point = await measure(size);
    points.push(point);
    const at = `at_${point.label}`;
    const details = { events: point.events };
    // Without /proc there is no reading: no figure rather than a zero.
    if (point.rssRead !== null) figure(`scale.rss_mb.${at}`, point.rssRead, 'MB', { ...details, afterStart: point.rssStarted, target: `< ${TARGETS.rss}` });
    figure(`scale.start_s.${at}`, point.start, 's', details);
    figure(`scale.rebuild_events_per_s.${at}`, point.rebuild, 'events/s', { ...details, target: `≥ ${TARGETS.rebuild.toLocaleString('en')}` });
    for (const read of READ_FIGURES) figure(`scale.${read.name}.${at}`, percentile(point.reads[read.kind], 99), 'ms', { ...details, target: `< ${read.target}` });
    figure(`scale.audit_verify_events_per_s.${at}`, point.verify, 'events/s', details);
  }
  console.log(`The product over generated logs of ${points.map((p) => p.events.toLocaleString('en')).join(', ')} events, ${UNITS} units (embedded stores)`);
  const row = (what: string, values: string[], target: string) => console.log(`  ${what.padEnd(34)} ${values.join(' → ').padEnd(40)} (target ${target})`);
  row('RSS after start, MB', points.map((p) => round(p.rssStarted)), `< ${TARGETS.rss}`);
  row('RSS after 1,000 reads, MB', points.map((p) => round(p.rssRead)), `< ${TARGETS.rss}, growth < ${TARGETS.rssGrowth}×`);
  row('start to /health/ready, s', points.map((p) => round(p.start, 1)), `< ${TARGETS.startAtLargest} at 3M`);
  row('rebuild, events/s', points.map((p) => round(p.rebuild)), `≥ ${TARGETS.rebuild.toLocaleString('en')}`);
  for (const read of READ_FIGURES) {
    const p99s = points.map((p) => round(percentile(p.reads[read.kind], 99), 1));
    row(`${read.kind.replace('_', ' ')} p99 (p50), ms`, p99s.map((p99, i) => `${p99} (${round(percentile(points[i].reads[read.kind], 50), 1)})`), `< ${read.target}`);
  }
  row('audit:verify, events/s', points.map((p) => round(p.verify)), 'none');
  const first = points[0].rssRead;
  const last = points[points.length - 1].rssRead;
  if (points.length > 1 && first && last) {
    figure('scale.rss_growth', last / first, '×', { from: points[0].label, to: points[points.length - 1].label, target: `< ${TARGETS.rssGrowth}` });
    console.log(`  RSS grew ${(last / first).toFixed(2)}× from ${points[0].label} to ${points[points.length - 1].label} events`);
  }
}
