import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { until } from './polling';
import { ADMIN } from './test-app';

/** An entry point of the product running from its sources in a process of its own. */
export interface SourceProcess {
  child: ChildProcess;
  /** Resolves once the process has exited, whatever ended it. */
  exited: Promise<number | null>;
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
}

export interface AppProcess extends SourceProcess {
  base: string;
}

const root = join(__dirname, '..', '..');

/**
 * A call to the API of an app process: POST with a body, GET without; signed in with `token` when given. A process
 * that no longer answers fails the call with what it wrote, so the test says why it went away.
 */
export async function callApp(app: AppProcess, path: string, body: object | null, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.base}/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  }).catch((error: unknown) => {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}; the process (exit ${app.child.exitCode}, signal ${app.child.signalCode}) wrote:\n${app.output().slice(-4000)}`);
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> & { items?: unknown[] } };
}

/**
 * An entry point (`apps/…/main.ts`) from the TypeScript sources, as ts-jest runs them, in a process a test may
 * kill: on the embedded stores unless `env` names others, its output kept.
 */
export function spawnFromSources(entry: string, args: string[], env: Record<string, string>): SourceProcess {
  const child = spawn(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), join(root, entry), ...args], {
    cwd: root,
    env: { ...process.env, REDIS_URL: '', MONGODB_URI: '', EVENTSTORE_CONNECTION_STRING: '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/**
 * The product as `npm start` runs it (API, worker and embedded stores in one process), from the TypeScript
 * sources, in a process of its own that a test may kill: answers once it answers /health/live.
 */
export async function startAppProcess(dataDir: string, env: Record<string, string> = {}): Promise<AppProcess> {
  // Port 0: the system gives the app a port nobody holds, which it prints; a port probed free beforehand could be
  // taken by another test's server before the app binds it, and that server would answer in its place.
  const app = spawnFromSources('apps/api/src/main.ts', [], { PORT: '0', DATA_DIR: dataDir, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, ...env });
  let gone = false;
  void app.exited.then(() => (gone = true));
  let base = '';
  await until(async () => {
    if (gone) throw new Error(`The app exited before it was ready: ${app.output()}`);
    const port = /Ready at http:\/\/localhost:(\d+)/.exec(app.output())?.[1];
    if (!port) return false;
    base = `http://127.0.0.1:${port}`;
    // Live, not healthy: a process that started on damaged stores answers too, with what is damaged.
    return (await fetch(`${base}/api/v1/health/live`).catch(() => null))?.ok === true;
  }, 'the app process to answer /health/live');
  return { ...app, base };
}
