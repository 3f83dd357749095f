import { benchAuditChain } from './audit-chain.bench';
import { benchEventStore } from './event-store.bench';
import { benchHttp } from './http.bench';
import { benchReadModels } from './read-models.bench';
import { benchFollowUp } from './follow-up.bench';
import { benchReports } from './reports.bench';
import { benchSoak } from './soak.bench';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm run bench`: prints each figure beside its baseline measured in the same run; `npm run bench -- soak`: the
 * soak alone; `npm run bench -- audit`: the hash chain alone.
 */
async function main(): Promise<void> {
  if (process.argv.includes('soak')) return benchSoak();
  if (process.argv.includes('audit')) return benchAuditChain();
  await benchEventStore();
  console.log();
  await benchAuditChain();
  console.log();
  await benchHttp();
  console.log();
  await benchReadModels();
  console.log();
  await benchFollowUp();
  console.log();
  await benchReports();
  console.log();
  // Lighthouse is an ES module: the web pages' figures come from a script of their own.
  const web = spawnSync(process.execPath, [join(__dirname, '../../bench/web.bench.mjs')], { stdio: 'inherit' });
  if (web.status !== 0) throw new Error('bench/web.bench.mjs failed');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
