import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { SqliteEventStore } from '@integrity/event-store';
import { IdentityLog, UnitRegister, type Actor } from '@integrity/identity';
import { ActiveReadModels, EmbeddedReadModelStore } from '@integrity/read-models';
import { rebuildReadModels } from '../apps/worker/src/projector/rebuild-read-models';
import { DashboardHandler } from '../libs/reflections/src/queries/dashboard/dashboard.handler';
import { DashboardQuery } from '../libs/reflections/src/queries/dashboard/dashboard.query';
import { FollowUpsHandler } from '../libs/reflections/src/queries/follow-ups/follow-ups.handler';
import { FollowUpsQuery } from '../libs/reflections/src/queries/follow-ups/follow-ups.query';
import { ReflectionListHandler } from '../libs/reflections/src/queries/reflection-list/reflection-list.handler';
import { ReflectionListQuery } from '../libs/reflections/src/queries/reflection-list/reflection-list.query';
import { figure, percentile } from './figures';
import { generateHistory } from './history-generator';

const REFLECTIONS = 20_000;
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

/** Rebuild throughput and query latency over a log of 20,000 reflections, and start-up with that log. */
export async function benchReadModels(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-rm-'));
  try {
    const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const { events: count, unitIds } = await generateHistory(events, { units: UNITS, sitesPerUnit: 10, reflections: REFLECTIONS, seed: 11 });
    const store = new EmbeddedReadModelStore(join(dir, 'read-models.sqlite'));
    const rebuild = await rebuildReadModels(events, store, null, () => new Date());
    console.log(`Read models over a generated log of ${count.toLocaleString('en')} events across ${REFLECTIONS.toLocaleString('en')} reflections, ${UNITS} units (embedded store)`);
    console.log(`  rebuild: ${Math.round(rebuild.events / rebuild.seconds).toLocaleString('en')} events/s (${rebuild.seconds.toFixed(1)} s; target ≥ 50,000 events/s)`);
    figure('rebuild.events_per_s', rebuild.events / rebuild.seconds, 'events/s', { events: count, target: '≥ 50,000' });

    const readModels = new ActiveReadModels(store);
    const officer = (i: number): Actor => ({ userId: 'bench', username: 'bench', unitId: unitIds[i % UNITS], roles: ['ethics_officer'] });
    const auditor: Actor = { userId: 'aac', username: 'aac', unitId: null, roles: ['aac_auditor'] };
    const list = new ReflectionListHandler(readModels, clock);
    const followUps = new FollowUpsHandler(readModels, clock, TAIWAN_OFFICE_CALENDAR);
    const dashboard = new DashboardHandler(readModels, new UnitRegister(store, new IdentityLog(events, store)), clock);
    const filters = [{}, { q: '河川' }, { status: 'in_progress' }, { overdue: 'true' }, { category: 'public_facilities', sort: 'receivedOn' as const }];
    const latencies = async (name: string, what: string, target: string, samples: Promise<number[]>) => {
      const measured = await samples;
      console.log(`  ${what.padEnd(39)}${percentiles(measured)}  (target p99 ${target} ms)`);
      figure(name, percentile(measured, 99), 'ms', { events: count, target });
    };
    await latencies('list.p99_ms', 'list (5 filter mixes, 20 per page)', '< 50', timed(300, (i) => list.execute(new ReflectionListQuery(filters[i % filters.length], officer(i)))));
    await latencies('followups.p99_ms', 'follow-ups (overdue, oldest first)', '< 50', timed(300, (i) => followUps.execute(new FollowUpsQuery({ state: 'overdue' }, officer(i)))));
    await latencies('dashboard.unit.p99_ms', 'dashboard, one unit', '< 20', timed(100, (i) => dashboard.execute(new DashboardQuery({}, officer(i)))));
    await latencies('dashboard.aac.p99_ms', 'dashboard, AAC: every unit side by side', '< 100', timed(30, () => dashboard.execute(new DashboardQuery({}, auditor))));
    const head = (await events.headPosition()) ?? 0n;
    await events.close();
    await store.close();
    const startSeconds = await startUp(dir, head);
    console.log(`  start-up with that log, serving it all: ${startSeconds.toFixed(1)} s (target < 15 s)`);
    figure('start.built_tree_to_health_s', startSeconds, 's', { events: count, target: '< 15' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
