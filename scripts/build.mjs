// `npm run build` (and every script that runs the product): builds the server (tsc) and the web application (vite)
// only when their sources changed since the last build, and says what it does. A stamp in each output holds the
// hash of the inputs it was built from.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.cwd();
const shared = ['package-lock.json', 'tsconfig.json'];
const TARGETS = {
  server: {
    label: 'the server (TypeScript)',
    inputs: [...shared, 'tsconfig.build.json', 'apps/api', 'apps/worker', 'apps/cli', 'libs', 'bench'],
    stamp: 'dist/.server-build',
    output: 'dist/apps/api/src/main.js',
    script: 'build:server',
  },
  web: {
    label: 'the web application (Vite)',
    inputs: [...shared, 'apps/web', 'libs/domain/src/vocabulary'],
    stamp: 'dist/web/.web-build',
    output: 'dist/web/index.html',
    script: 'build:web',
  },
};
const IGNORED = new Set(['node_modules', 'dist', 'generated']);

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !IGNORED.has(name))
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function hashOf(inputs) {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => files(join(root, input)))) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(TARGETS);
for (const name of wanted) {
  const target = TARGETS[name];
  if (!target) throw new Error(`Unknown build target ${name}: ${Object.keys(TARGETS).join(', ')}`);
  const hash = hashOf(target.inputs);
  const stamp = join(root, target.stamp);
  if (existsSync(join(root, target.output)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
    console.log(`Build: ${target.label} is up to date`);
    continue;
  }
  console.log(`Build: building ${target.label}…`);
  const started = Date.now();
  const run = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', target.script], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(stamp, hash);
  console.log(`Build: ${target.label} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
