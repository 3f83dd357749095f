import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditCheckpointRecorder, verifyChains } from '@integrity/audit';
import { siteDecider, type SiteCommand, type SiteEvent } from '@integrity/domain';
import { CommandHandling, plainCodec, SqliteEventStore, type EventStore, type NewEvent } from '@integrity/event-store';
import { figure, median } from './figures';
import { generateHistory } from './history-generator';

const REFLECTIONS = 20_000;
const APPENDS = 1000;
const ROUNDS = 21;
const DATA = { summary: '河川疏濬延宕，雨季恐淹水', category: 'public_facilities', receivedOn: '2026-11-26' };
const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'HandlingOpinionRecorded',
  schemaVersion: 1,
  data: DATA,
  metadata: { actorId: 'bench', causationId: randomUUID(), correlationId: randomUUID(), occurredAt: new Date().toISOString(), unitId: 'unit-1' },
});

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** One append after another to one stream, each at the revision before it (as a command handler appends). */
async function singleAppends(store: EventStore): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < APPENDS; i++) await store.append('reflection-single', [event()], i === 0 ? 'no_stream' : i - 1);
  return APPENDS / seconds(started);
}

/** Commands one after another as the product runs them: read the stream, fold, decide, append (a site registered). */
async function commands(store: EventStore): Promise<number> {
  const handling = new CommandHandling(store);
  const codec = plainCodec<SiteEvent>();
  const started = process.hrtime.bigint();
  for (let i = 0; i < APPENDS; i++) {
    const siteId = randomUUID();
    const command: SiteCommand = { type: 'RegisterSite', siteId, unitId: 'unit-1', siteType: 'village_office', name: `第${i}里辦公處`, county: '臺中市', township: '北區', village: `第${i}里` };
    const commandId = randomUUID();
    await handling.handle(`site-${siteId}`, siteDecider, codec, command, { actorId: 'bench', unitId: 'unit-1', correlationId: commandId, commandId, now: new Date() });
  }
  return APPENDS / seconds(started);
}

/** The hash chain's cost on appends, and verification and checkpoint speed over a generated log of 20,000 reflections. */
export async function benchAuditChain(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-audit-'));
  try {
    // Short rounds, alternated, each pair compared on its own: the disk's and the machine's drift falls on both sides.
    const compare = async (name: string, run: (store: EventStore) => Promise<number>) => {
      const plain: number[] = [];
      const chained: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const without = new SqliteEventStore({ file: join(dir, `${name}-plain-${round}.sqlite`), hashChain: false });
        plain.push(await run(without));
        await without.close();
        const withChain = new SqliteEventStore({ file: join(dir, `${name}-chained-${round}.sqlite`) });
        chained.push(await run(withChain));
        await withChain.close();
      }
      return { without: median(plain), withChain: median(chained), cost: median(plain.map((rate, i) => ((rate - chained[i]) / rate) * 100)) };
    };
    const appends = await compare('appends', singleAppends);
    const viaCommands = await compare('commands', commands);

    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const { events } = await generateHistory(store, { units: 10, sitesPerUnit: 10, reflections: REFLECTIONS, seed: 12 });
    const recorder = new AuditCheckpointRecorder(store);
    let started = process.hrtime.bigint();
    await recorder.record('on_request', { actorId: 'bench', unitId: null, at: new Date() });
    const firstCheckpoint = seconds(started);
    started = process.hrtime.bigint();
    const verdict = await verifyChains(store);
    const verifying = seconds(started);
    if (!verdict.ok) throw new Error(`The generated log does not verify: ${JSON.stringify(verdict.firstBroken)}`);
    await store.close();

    const line = (what: string, rate: number, unit: string) => console.log(`  ${what.padEnd(40)}${rate.toFixed(0).padStart(8)} ${unit}`);
    console.log(`Hash chain (SQLite, WAL, synchronous=FULL; medians of ${ROUNDS} alternating rounds of ${APPENDS.toLocaleString('en')}; the cost is the median of each round's own ratio; target < 10%)`);
    line('single appends without the chain', appends.without, 'appends/s');
    line('single appends with the chain', appends.withChain, `appends/s  (the chain costs ${appends.cost.toFixed(1)}%)`);
    line('commands (read, decide, append) without', viaCommands.without, 'commands/s');
    line('commands (read, decide, append) with', viaCommands.withChain, `commands/s  (the chain costs ${viaCommands.cost.toFixed(1)}%)`);
    console.log(`Verification over a generated log of ${verdict.events.toLocaleString('en')} events in ${verdict.streams.toLocaleString('en')} streams (${events.toLocaleString('en')} generated)`);
    console.log(`  every chain and the checkpoint     ${Math.round(verdict.events / verifying).toLocaleString('en').padStart(8)} events/s (${verifying.toFixed(1)} s)`);
    console.log(`  first checkpoint over the whole log ${firstCheckpoint.toFixed(1)} s`);
    figure('audit.chain.append_cost_pct', appends.cost, '%', { baseline: appends.without, target: '< 10' });
    figure('audit.chain.command_cost_pct', viaCommands.cost, '%', { baseline: viaCommands.without });
    figure('audit.verify.events_per_s', verdict.events / verifying, 'events/s', { events: verdict.events });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
