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
import { benchScale } from './scale.bench';
import { benchSoak } from './soak.bench';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addFigures, failedPart, type Figure, writeFigures } from './figures';
import { writeDocsFigures } from './figures-table';
import { keepFilesPrivate } from '@integrity/platform';

/**
 * `npm run bench`: prints each figure beside its baseline measured in the same run, or its target. One part alone:
 * `npm run bench -- <part>` (the parts are below; `soak` and `reminders` run only when named). `-- --json <file>` also
 * writes every figure there by name, as {"value","unit","baseline"?,"target"?}, with the run's commit, Node and
 * machine under "_run"; `-- --docs` writes them to docs/benchmarks.json and makes docs/benchmarks.md's table of them.
 * A run of some parts keeps the file's other figures, and the file says which run they are from.
 */
/** The repository: the bench runs from dist/bench. */
const ROOT = join(__dirname, '../..');

/** The parts of the bench, by the name that runs one alone, in the order the whole run takes them. */
const PARTS: [string, () => Promise<void>][] = [
  ['appends', benchEventStore],
  ['peer', benchEmmettPeer],
  ['audit', benchAuditChain],
  ['http', benchHttp],
  ['read-models', benchReadModels],
  ['follow-up', benchFollowUp],
  ['reports', benchReports],
  ['hotspots', benchHotspots],
  ['national', benchNational],
  ['imports', benchImports],
  ['password-hashing', benchPasswordHashing],
  ['web', benchWebPages],
  ['scale', benchScale],
];
/** Parts run only when named: the soak takes ten minutes; the reminders beside plain BullMQ are also in follow-up. */
const ALONE: Record<string, () => Promise<void>> = { soak: benchSoak, reminders: benchReminders };

/**
 * Runs each part asked for; a part that fails (a peer that crashes, a tool that is missing) is reported and the rest
 * still run, and the figures measured are written all the same. Exit code 1 when any part failed.
 */
async function main(): Promise<void> {
  // The bench's logs are data directories the product's commands open: private, as the product keeps its own.
  keepFilesPrivate();
  const at = process.argv.indexOf('--json');
  if (at >= 0 && !process.argv[at + 1]) throw new Error('--json needs a file to write the figures to');
  const docs = process.argv.includes('--docs');
  const json = docs ? join(ROOT, 'docs/benchmarks.json') : at < 0 ? null : resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[at + 1]);
  const named = process.argv.slice(2).filter((arg, i, args) => !arg.startsWith('--') && args[i - 1] !== '--json');
  const every = new Map([...PARTS, ...Object.entries(ALONE)]);
  const unknown = named.filter((name) => !every.has(name));
  if (unknown.length > 0) throw new Error(`Unknown bench part(s): ${unknown.join(', ')}; the parts: ${[...every.keys()].join(', ')}`);
  const chosen = named.length === 0 ? PARTS : named.map((name): [string, () => Promise<void>] => [name, every.get(name) as () => Promise<void>]);
  const failures: string[] = [];
  for (const [name, part] of chosen) {
    try {
      await part();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(name);
      failedPart(name, message);
      console.error(`\nThe ${name} part failed: ${message}; the other parts go on.`);
    }
    console.log();
  }
  if (json) {
    writeFigures(json, named);
    console.log(`Figures written to ${json}`);
  }
  if (json && docs) {
    writeDocsFigures(json, join(ROOT, 'docs/benchmarks.md'));
    console.log('docs/benchmarks.md: its table made again from them');
  }
  if (failures.length > 0) {
    console.error(`Parts that failed: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
}

/** Lighthouse is an ES module: the web pages' figures come from a script of their own, which adds them to the figures. */
async function benchWebPages(): Promise<void> {
  const out = join(tmpdir(), `web-figures-${process.pid}.json`);
  const web = spawnSync(process.execPath, [join(ROOT, 'bench/web.bench.mjs')], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, BENCH_FIGURES_OUT: out } });
  if (existsSync(out)) {
    addFigures(JSON.parse(readFileSync(out, 'utf8')) as Record<string, Figure>);
    rmSync(out);
  }
  if (web.status !== 0) throw new Error(`bench/web.bench.mjs exited with ${web.status ?? web.signal}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
