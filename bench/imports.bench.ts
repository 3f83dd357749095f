import { readFileSync } from 'node:fs';
import { BENCH_ADMIN_PASSWORD, startBenchProduct } from './bench-product';
import { figure } from './figures';
import { generatedWorkRecords } from './work-records';

const ROWS = 20_000;

/** The server's peak resident memory so far (VmHWM), in MB: what the import cost at its worst. */
const peakRssMb = (pid: number): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * `npm run bench -- imports`: 20,000 past work records (XLSX) checked, imported, and checked again through the
 * built product's API, by a supervisor; the server's peak memory after.
 */
export async function benchImports(): Promise<void> {
  const product = await startBenchProduct(3471, 'imports');
  try {
    const admin = (await product.call('/auth/token', { username: 'admin', password: BENCH_ADMIN_PASSWORD })).accessToken;
    const unit = await product.call('/units', { code: 'IMPORT', name: '匯入政風室', agencyName: '匯入機關' }, admin);
    await product.call('/users', { username: 'bench.supervisor', password: 'bench-supervisor-password', displayName: '匯入', unitId: unit.id, roles: ['supervisor'] }, admin);
    const token = (await product.call('/auth/token', { username: 'bench.supervisor', password: 'bench-supervisor-password' })).accessToken;
    const file = generatedWorkRecords(ROWS);
    const before = peakRssMb(product.server.pid as number);
    const send = async (dryRun: boolean) => {
      const form = new FormData();
      form.append('file', new Blob([file]), 'records.xlsx');
      const started = performance.now();
      const response = await fetch(`${product.base}/imports/records?dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      if (!response.ok) throw new Error(`imports: ${response.status} ${(await response.text()).slice(0, 300)}`);
      const { counts } = (await response.json()) as { counts: Record<string, number> };
      return { seconds: (performance.now() - started) / 1000, counts };
    };
    console.log(`Import of ${ROWS.toLocaleString('en')} past work records (XLSX, ${(file.length / 1024 / 1024).toFixed(1)} MB) through the API`);
    const check = await send(true);
    const afterCheck = peakRssMb(product.server.pid as number);
    const imported = await send(false);
    const again = await send(true);
    if (imported.counts.imported !== ROWS || again.counts.already_imported !== ROWS) throw new Error(`imports: ${JSON.stringify([imported.counts, again.counts])}`);
    const peak = peakRssMb(product.server.pid as number);
    figure('imports.check_s', check.seconds, 's', { target: '< 10' });
    figure('imports.import_s', imported.seconds, 's', { target: '< 60' });
    figure('imports.recheck_s', again.seconds, 's');
    figure('imports.check_peak_rss_mb', afterCheck, 'MB', { baseline: before });
    figure('imports.peak_rss_mb', peak, 'MB', { baseline: before });
    console.log(`  checked in ${check.seconds.toFixed(1)} s (target < 10), imported in ${imported.seconds.toFixed(1)} s (target < 60), checked again (all already there) in ${again.seconds.toFixed(1)} s`);
    console.log(`  the server's peak memory: ${before.toFixed(0)} MB before the file, ${afterCheck.toFixed(0)} MB after checking it, ${peak.toFixed(0)} MB after importing it`);
  } finally {
    await product.stop();
  }
}
