import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { SqliteEventStore } from '@integrity/event-store';
import { IdentityLog, UnitRegister, type Actor } from '@integrity/identity';
import { ActiveReadModels, EmbeddedReadModelStore } from '@integrity/read-models';
import { DashboardHandler } from '../libs/reflections/src/queries/dashboard/dashboard.handler';
import { DashboardQuery } from '../libs/reflections/src/queries/dashboard/dashboard.query';
import { FollowUpsHandler } from '../libs/reflections/src/queries/follow-ups/follow-ups.handler';
import { FollowUpsQuery } from '../libs/reflections/src/queries/follow-ups/follow-ups.query';
import { ReflectionListHandler } from '../libs/reflections/src/queries/reflection-list/reflection-list.handler';
import { ReflectionListQuery } from '../libs/reflections/src/queries/reflection-list/reflection-list.query';
import { figure, percentile } from './figures';
import { generateHistory } from './history-generator';

const UNITS = 20;
const clock = { now: () => new Date('2026-11-27T02:00:00Z') };

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return `p50 ${at(50).toFixed(1)} ms, p99 ${at(99).toFixed(1)} ms`;
}

async function timed(runs: number, query: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await query(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples;
}

/** Until the API answers with read models holding the whole log as it was (the worker may add reminders). */
async function startUp(dataDir: string, head: bigint): Promise<number> {
  const started = Date.now();
  const server = spawn(process.execPath, [join(__dirname, '../apps/api/src/main.js')], {
    env: { ...process.env, PORT: '3918', DATA_DIR: dataDir, ADMIN_PASSWORD: 'bench-admin-password' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const health = (await (await fetch('http://127.0.0.1:3918/api/v1/health')).json()) as { projection: { position: string | null } };
        if (health.projection.position !== null && BigInt(health.projection.position) >= head) return (Date.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

/** Log sizes for the curves: about 50k, 100k and 200k events (11.4 events a reflection in the generated history). */
const SIZES = [{ reflections: 4_500, label: '50k' }, { reflections: 9_000, label: '100k' }, { reflections: 18_000, label: '200k' }];

interface Point {
  events: number;
  rebuild: number;
  list: number[];
  followUps: number[];
  dashboardUnit: number[];
  dashboardAac: number[];
}

/**
 * `npm run projections:rebuild` as an operator runs it, in a process of its own over the data directory: the
 * events a second it took by its own clock (from reading the log to the new generation made active).
 */
export async function rebuildCommand(dataDir: string): Promise<number> {
  const command = spawn(process.execPath, [join(__dirname, '../apps/cli/src/rebuild-projections.js')], {
    env: { ...process.env, DATA_DIR: dataDir, MONGODB_URI: '', EVENTSTORE_CONNECTION_STRING: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  command.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const code = await new Promise((resolve) => command.once('exit', resolve));
  const rebuilt = /Rebuilt (\d+) events into generation \d+ in ([\d.]+) s/.exec(said);
  if (code !== 0 || !rebuilt) throw new Error(`the rebuild command failed (exit ${String(code)}): ${said}`);
  return Number(rebuilt[1]) / Number(rebuilt[2]);
}

/** One log size: the rebuild and each read path's latencies. */
async function measureAt(dir: string, reflections: number): Promise<Point & { head: bigint }> {
  const generated = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  const { events: count, unitIds } = await generateHistory(generated, { units: UNITS, sitesPerUnit: 10, reflections, seed: 11 });
  await generated.close();
  const rebuild = await rebuildCommand(dir);
  const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  const store = new EmbeddedReadModelStore(join(dir, 'read-models.sqlite'));
  const readModels = new ActiveReadModels(store);
  const officer = (i: number): Actor => ({ userId: 'bench', username: 'bench', unitId: unitIds[i % UNITS], roles: ['ethics_officer'] });
  const auditor: Actor = { userId: 'aac', username: 'aac', unitId: null, roles: ['aac_auditor'] };
  const list = new ReflectionListHandler(readModels, clock);
  const followUps = new FollowUpsHandler(readModels, clock, TAIWAN_OFFICE_CALENDAR);
  const dashboard = new DashboardHandler(readModels, new UnitRegister(store, new IdentityLog(events, store)), clock);
  const filters = [{}, { q: '河川' }, { status: 'in_progress' }, { overdue: 'true' }, { category: 'public_facilities', sort: 'receivedOn' as const }];
  const point = {
    events: count,
    rebuild,
    list: await timed(300, (i) => list.execute(new ReflectionListQuery(filters[i % filters.length], officer(i)))),
    followUps: await timed(300, (i) => followUps.execute(new FollowUpsQuery({ state: 'overdue' }, officer(i)))),
    dashboardUnit: await timed(200, (i) => dashboard.execute(new DashboardQuery({}, officer(i)))),
    dashboardAac: await timed(100, () => dashboard.execute(new DashboardQuery({}, auditor))),
    head: (await events.headPosition()) ?? 0n,
  };
  await events.close();
  await store.close();
  return point;
}

const READ_PATHS = [
  { key: 'list', name: 'list.p99_ms', what: 'list (5 filter mixes, 20 per page)', target: '< 50' },
  { key: 'followUps', name: 'followups.p99_ms', what: 'follow-ups (overdue, oldest first)', target: '< 50' },
  { key: 'dashboardUnit', name: 'dashboard.unit.p99_ms', what: 'dashboard, one unit', target: '< 20' },
  { key: 'dashboardAac', name: 'dashboard.aac.p99_ms', what: 'dashboard, AAC: every unit side by side', target: '< 100' },
] as const;

/**
 * Rebuild throughput and query latency over generated logs of about 50k, 100k and 200k events (20 units), so
 * growth shows; the named figures are the largest log's. Then start-up with that log.
 */
export async function benchReadModels(): Promise<void> {
  const dirs: string[] = [];
  try {
    const points: Point[] = [];
    let largest = { dir: '', head: 0n };
    for (const size of SIZES) {
      const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-rm-'));
      dirs.push(dir);
      const { head, ...point } = await measureAt(dir, size.reflections);
      points.push(point);
      if (largest.dir) rmSync(largest.dir, { recursive: true, force: true });
      largest = { dir, head };
      figure(`rebuild.events_per_s.at_${size.label}`, point.rebuild, 'events/s', { events: point.events });
      for (const path of READ_PATHS) figure(`${path.name}.at_${size.label}`, percentile(point[path.key], 99), 'ms', { events: point.events });
    }
    const last = points[points.length - 1];
    console.log(`Read models over generated logs of ${points.map((p) => p.events.toLocaleString('en')).join(', ')} events, ${UNITS} units (embedded store)`);
    console.log(`  rebuild: ${points.map((p) => `${Math.round(p.rebuild).toLocaleString('en')}`).join(' → ')} events/s (target ≥ 50,000 events/s)`);
    figure('rebuild.events_per_s', last.rebuild, 'events/s', { events: last.events, target: '≥ 50,000' });
    for (const path of READ_PATHS) {
      const p99s = points.map((p) => percentile(p[path.key], 99).toFixed(1)).join(' → ');
      console.log(`  ${path.what.padEnd(40)}p99 ${p99s} ms; at the largest ${percentiles(last[path.key])}  (target p99 ${path.target} ms)`);
      figure(path.name, percentile(last[path.key], 99), 'ms', { events: last.events, target: path.target });
    }
    const startSeconds = await startUp(largest.dir, largest.head);
    console.log(`  start-up with the largest log, serving it all: ${startSeconds.toFixed(1)} s (target < 15 s)`);
    figure('start.built_tree_to_health_s', startSeconds, 's', { events: last.events, target: '< 15' });
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
