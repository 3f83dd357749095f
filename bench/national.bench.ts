import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENCY_LEVELS, TAIWAN_COUNTIES } from '@integrity/domain';
import { CommandHandling, logPages, SqliteEventStore } from '@integrity/event-store';
import { IdentityLog, UnitRegister, type Actor } from '@integrity/identity';
import { VillageRegister } from '@integrity/places';
import { ActiveReadModels, applyBatch, EmbeddedReadModelStore, ReadModelSet } from '@integrity/read-models';
import { DashboardHandler } from '../libs/reflections/src/queries/dashboard/dashboard.handler';
import { DashboardQuery } from '../libs/reflections/src/queries/dashboard/dashboard.query';
import { PlacesDashboardHttpController } from '../libs/reflections/src/queries/dashboard/places-dashboard';
import { HotspotsHttpController } from '../libs/reflections/src/hotspots/hotspots.http.controller';
import { figure, percentile } from './figures';
import { generateHistory } from './history-generator';

/** The AAC oversees about 1,100 ethics units (issue #43). */
const UNITS = 1_100;
const REFLECTIONS = 33_000;
const clock = { now: () => new Date('2026-11-27T02:00:00Z') };
const auditor: Actor = { userId: 'aac', username: 'aac', unitId: null, roles: ['aac_auditor'] };

async function p99(runs: number, query: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await query();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/**
 * `npm run bench -- national`: what the AAC reads at national scale, on the embedded stores: 1,100 units with their
 * county, ministry and level, 33,000 reflections through their lives, projected; then the table of every unit, the
 * places by county and the hotspots, each timed as the API answers them (without HTTP).
 */
export async function benchNational(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'national-'));
  const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  const store = new EmbeddedReadModelStore(join(dir, 'read-models.sqlite'));
  try {
    const units = new UnitRegister(store, new IdentityLog(events, store));
    const by = { actorId: 'bench', unitId: null, at: clock.now() };
    const unitIds: string[] = [];
    for (let i = 0; i < UNITS; i++) {
      const unit = await units.create({ code: `U${i}`, name: `第${i + 1}政風室`, agencyName: `第${i + 1}機關`, kind: 'ethics_unit' }, by);
      const level = AGENCY_LEVELS[i % 3 === 0 ? 0 : 1];
      await units.setProfile(unit._id, { county: level === 'central' ? null : TAIWAN_COUNTIES[i % TAIWAN_COUNTIES.length], ministry: level === 'central' ? `第${(i % 30) + 1}部` : `${TAIWAN_COUNTIES[i % TAIWAN_COUNTIES.length]}政府`, level }, by);
      unitIds.push(unit._id);
    }
    // Each unit's sites in a town of its own, in turn through the register's 368: a matter repeats within a town.
    const towns = [...new Map(new VillageRegister().villages.map((v) => [`${v.county}${v.town}`, { county: v.county, township: v.town }])).values()];
    const { events: count } = await generateHistory(events, { units: UNITS, unitIds, sitesPerUnit: 2, reflections: REFLECTIONS, seed: 43, towns });
    const set = new ReadModelSet(store, 1);
    await set.ensureIndexes();
    const started = process.hrtime.bigint();
    let checkpoint = await set.checkpoint();
    for await (const page of logPages(events, { after: checkpoint.position === '' ? null : BigInt(checkpoint.position) })) {
      ({ checkpoint } = await applyBatch(set, page, checkpoint, clock.now()));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(`The AAC at national scale: ${UNITS} units, ${REFLECTIONS} reflections (${count} events, projected in ${seconds.toFixed(1)} s)`);

    const readModels = new ActiveReadModels(store);
    const dashboard = new DashboardHandler(readModels, units, clock);
    const places = new PlacesDashboardHttpController(readModels, new VillageRegister());
    const hotspots = new HotspotsHttpController(readModels, units, new CommandHandling(events), clock);
    const rows = await dashboard.execute(new DashboardQuery({}, auditor));
    if (!('units' in rows) || rows.units.length !== UNITS) throw new Error('the AAC’s dashboard did not hold every unit');
    const measured = [
      { name: 'national.dashboard.p99_ms', what: 'every unit’s row (GET /dashboard)', target: '< 100', time: await p99(30, () => dashboard.execute(new DashboardQuery({}, auditor))) },
      { name: 'national.places.p99_ms', what: 'reflections by county (GET /dashboard/places)', target: '< 100', time: await p99(30, () => places.places({ level: 'county' }, auditor)) },
      { name: 'national.hotspots.p99_ms', what: 'hotspots of six months (GET /hotspots)', target: '< 100', time: await p99(30, () => hotspots.list({}, auditor)) },
    ];
    for (const { name, what, target, time } of measured) {
      figure(name, time.p99, 'ms', { target });
      console.log(`  ${what.padEnd(48)} p50 ${time.p50.toFixed(1)} ms, p99 ${time.p99.toFixed(1)} ms  (target p99 ${target} ms)`);
    }
  } finally {
    await events.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
