import { randomUUID } from 'node:crypto';
import { openEventLog, settingsFrom } from '@integrity/platform';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-dir';

interface Report {
  dryRun: boolean;
  matched: { siteId: string; village: string; villageCode: string }[];
  unmatched: { siteId: string; given: string; nearest: string[] }[];
}

/** `npm run places:match` as an operator runs it, on a data directory: its report, and what it said. */
async function placesMatch(dataDir: string, dryRun: boolean): Promise<{ report: Report; said: string }> {
  const { code, out, said } = await runCli('places-match.ts', dryRun ? ['--dry-run'] : [], dataDir);
  if (code !== 0) throw new Error(`places:match failed (exit ${code}): ${said}`);
  return { report: JSON.parse(out) as Report, said };
}

describe('npm run places:match', () => {
  const dir = tempDir('places-match');
  afterAll(() => dir.remove());

  it('reports first (--dry-run), then places what the names match and leaves the rest, never twice', async () => {
    const log = await openEventLog(settingsFrom({ DATA_DIR: dir.path }));
    const legacy = async (village: string, township: string) => {
      const siteId = randomUUID();
      const data = { siteId, unitId: randomUUID(), type: 'village_office', name: `${village}辦公處`, county: '台中市', township, village, contact: null };
      await log.append(`site-${siteId}`, [{ id: randomUUID(), type: 'SiteRegistered', schemaVersion: 1, data, metadata: { actorId: 'earlier-release', unitId: data.unitId, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() } }], 'no_stream');
      return siteId;
    };
    const [lake, park] = [await legacy('東湖里', '大里區'), await legacy('公園里', '西區')];
    await log.close();

    const first = await placesMatch(dir.path, true);
    expect(first.report.matched).toEqual([expect.objectContaining({ siteId: lake, village: '臺中市大里區東湖里', villageCode: expect.stringMatching(/^\d{11}$/) })]);
    expect(first.report.unmatched).toEqual([expect.objectContaining({ siteId: park, given: '台中市西區公園里', nearest: expect.arrayContaining([expect.stringContaining('臺中市西區')]) })]);
    expect(first.said).toContain('試算（未寫入）：1 個平臺地點以名稱對應到村里，1 個無法對應');

    expect((await placesMatch(dir.path, true)).report.matched).toHaveLength(1); // a dry run wrote nothing
    expect((await placesMatch(dir.path, false)).report.matched).toHaveLength(1);
    const after = await placesMatch(dir.path, true);
    expect([after.report.matched, after.report.unmatched.map((u) => u.siteId)]).toEqual([[], [park]]);
  }, 120_000);
});
