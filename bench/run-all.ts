import { benchAuditChain } from './audit-chain.bench';
import { benchEmmettPeer } from './emmett-peer.bench';
import { benchEventStore } from './event-store.bench';
import { benchHotspots } from './hotspots.bench';
import { benchHttp } from './http.bench';
import { benchImports } from './imports.bench';
import { benchNational } from './national.bench';
import { benchReadModels } from './read-models.bench';
import { benchFollowUp, benchReminders } from './follow-up.bench';
import { benchPasswordHashing } from './password-hashing.bench';
import { benchReports } from './reports.bench';
import { benchSoak } from './soak.bench';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { writeFigures } from './figures';

/**
 * `npm run bench`: prints each figure beside its baseline measured in the same run. One part alone: `-- soak`, the
 * soak; `-- audit`, the hash chain; `-- peer`, the product's store beside Emmett's; `-- appends`, the event store's
 * appends; `-- reminders`, reminders beside plain BullMQ; `-- read-models`, rebuild and the read paths over the three
 * logs, then start-up; `-- password-hashing`, argon2id beside scrypt; `-- hotspots`, hotspots' precision, recall and speed; `-- national`, the AAC's reads at 1,100 units; `-- imports`, 20,000 past work records checked and imported. `-- --json <file>` also writes every figure there, by
 * name, as {"value","unit","baseline"?,"target"?}.
 */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--json');
  const json = at < 0 ? null : process.argv[at + 1];
  if (at >= 0 && !json) throw new Error('--json needs a file to write the figures to');
  await benches();
  if (json) {
    writeFigures(resolve(process.env.INIT_CWD ?? process.cwd(), json));
    console.log(`Figures written to ${json}`);
  }
  if (!['soak', 'audit', 'peer', 'appends', 'reminders', 'read-models', 'password-hashing', 'hotspots', 'national', 'imports'].some((only) => process.argv.includes(only))) benchWebPages();
}

/** Lighthouse is an ES module: the web pages' figures come from a script of their own, after the JSON is written. */
function benchWebPages(): void {
  console.log();
  const web = spawnSync(process.execPath, [join(__dirname, '../../bench/web.bench.mjs')], { stdio: 'inherit' });
  if (web.status !== 0) throw new Error('bench/web.bench.mjs failed');
}

async function benches(): Promise<void> {
  if (process.argv.includes('soak')) return benchSoak();
  if (process.argv.includes('audit')) return benchAuditChain();
  if (process.argv.includes('peer')) return benchEmmettPeer();
  if (process.argv.includes('appends')) return benchEventStore();
  if (process.argv.includes('reminders')) return benchReminders();
  if (process.argv.includes('read-models')) return benchReadModels();
  if (process.argv.includes('password-hashing')) return benchPasswordHashing();
  if (process.argv.includes('hotspots')) return benchHotspots();
  if (process.argv.includes('national')) return benchNational();
  if (process.argv.includes('imports')) return benchImports();
  await benchEventStore();
  console.log();
  await benchEmmettPeer();
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
  await benchHotspots();
  console.log();
  await benchNational();
  console.log();
  await benchImports();
  console.log();
  await benchPasswordHashing();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
