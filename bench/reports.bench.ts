import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEADLINE_POLICY, reflectionDecider, TAIWAN_OFFICE_CALENDAR, type ReflectionEvent } from '@integrity/domain';
import { SqliteEventStore } from '@integrity/event-store';
import { IdentityLog, UnitRegister } from '@integrity/identity';
import { ActiveReadModels, EmbeddedReadModelStore, rebuildReadModels } from '@integrity/read-models';
import { BiweeklyReportBuilder, ReportDueRule } from '@integrity/reports';
import { attachment2 } from '../libs/reports/src/documents/attachment-2';
import { renderOdt } from '../libs/reports/src/documents/odt-renderer';
import { renderPdf } from '../libs/reports/src/documents/pdf-renderer';
import { ReportReader } from '../libs/reports/src/queries/report-reader';
import { figure, percentile } from './figures';

const PERIOD = { start: '2026-11-09', end: '2026-11-22' };
const deadlines = { policy: DEFAULT_DEADLINE_POLICY, calendar: TAIWAN_OFFICE_CALENDAR };

/** p50 and p99 of `runs` runs, and the figure named when a name is given. */
async function timed(runs: number, work: () => Promise<unknown>, name?: string): Promise<string> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  if (name) figure(name, percentile(samples, 99), 'ms', { runs });
  return `p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms`;
}

/** One unit's report with 5,000 items in its period, and the AAC's submissions view over 500 units. */
export async function benchReports(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-reports-'));
  try {
    const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    const store = new EmbeddedReadModelStore(join(dir, 'read-models.sqlite'));
    const units = new UnitRegister(store, new IdentityLog(events, store));
    const now = new Date('2026-11-24T02:00:00Z');
    const unitIds: string[] = [];
    for (let u = 0; u < 500; u++) unitIds.push((await units.create({ code: `U${u}`, name: `第${u}政風室`, agencyName: `第${u}機關`, kind: 'ethics_unit' }, { actorId: null, unitId: null, at: now }))._id);
    const appends: Promise<unknown>[] = [];
    for (let i = 0; i < 5000; i++) {
      const reflectionId = randomUUID();
      const receivedOn = `2026-11-${String(9 + (i % 14)).padStart(2, '0')}`;
      const at = new Date(`${receivedOn}T02:00:00Z`);
      const decided: ReflectionEvent[] = reflectionDecider.decide(
        { type: 'ReceiveReflection', reflectionId, unitId: unitIds[0], nature: i % 3 ? 'public_need' : 'policy_feedback', category: i % 3 ? 'public_facilities' : 'policy_opinion', summary: `第${i}案：路燈故障`, receivedOn, handlingOpinion: '簽會工務課', now: at, deadlines },
        reflectionDecider.initialState(),
      );
      const metadata = { actorId: 'bench', unitId: unitIds[0], correlationId: reflectionId, causationId: reflectionId, occurredAt: at.toISOString() };
      appends.push(events.append(`reflection-${reflectionId}`, decided.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: 1, data: e.data as never, metadata })), 'no_stream'));
    }
    await Promise.all(appends);
    await rebuildReadModels(events, store, null, () => now);
    const readModels = new ActiveReadModels(store);
    const builder = new BiweeklyReportBuilder(readModels, events);
    const reader = new ReportReader(readModels, builder, units, events, new ReportDueRule(events, new IdentityLog(events, store), 3, TAIWAN_OFFICE_CALENDAR));
    console.log('Biweekly report (embedded store)');
    console.log(`  one unit's report, 5,000 items in the period: ${await timed(20, () => reader.report(unitIds[0], PERIOD, { forAac: false, today: '2026-11-27' }), 'report.5k_items.p99_ms')}`);
    const view = await reader.report(unitIds[0], PERIOD, { forAac: false, today: '2026-11-27' });
    console.log(`  rendered as ODT: ${await timed(5, () => renderOdt(attachment2(view!)))}; as PDF: ${await timed(5, () => renderPdf(attachment2(view!)))}`);
    console.log(`  AAC submissions view over 500 units: ${await timed(50, () => reader.submissions(PERIOD, '2026-11-27'))}`);
    await events.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
