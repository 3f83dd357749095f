import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyChains } from '@integrity/audit';
import { SqliteEventStore } from '@integrity/event-store';
import { generateHistory } from '../../../bench/history-generator';
import { settingsFrom } from './settings';
import { openEventStore } from './stores';
import { STORE_FILES } from './integrity/store-integrity';

describe('a SQLite log from before the hash chain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chain-migration-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is chained once when opened, says so in the log, and then verifies intact', async () => {
    // Written as releases before the chain wrote their logs.
    const earlier = new SqliteEventStore({ file: join(dir, STORE_FILES.eventStore), hashChain: false });
    const { events } = await generateHistory(earlier, { units: 2, sitesPerUnit: 2, reflections: 40, seed: 3 });
    expect(earlier.unchainedCount()).toBe(events);
    const before = await verifyChains(earlier);
    expect(before.firstBroken?.reason).toBe('unchained');
    await earlier.close();

    const settings = settingsFrom({ DATA_DIR: dir });
    const opened = await openEventStore(settings);
    const verdict = await verifyChains(opened);
    expect(verdict).toMatchObject({ ok: true, events: events + 1 });
    const migrations = (await opened.readAll(null, 100_000)).filter((event) => event.type === 'AuditChainMigrated');
    expect(migrations.map((event) => event.data)).toEqual([{ events, upToPosition: String(events) }]);
    await opened.close();

    const again = await openEventStore(settings);
    expect((await again.readAll(null, 100_000)).filter((event) => event.type === 'AuditChainMigrated')).toHaveLength(1);
    expect((await verifyChains(again)).ok).toBe(true);
    await again.close();
  });
});
