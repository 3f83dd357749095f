import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchProduct {
  /** Where the web application answers. */
  origin: string;
  /** Where the API answers (`<origin>/api/v1`). */
  base: string;
  server: ChildProcess;
  /** The API answering JSON: a POST with `body`, a GET without; anything but 2xx throws. */
  call: (path: string, body?: object, token?: string) => Promise<Record<string, string>>;
  /** An officer of a fresh unit, signed in. */
  officerToken: () => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * The built product (`dist/`) on a fresh DATA_DIR (or on `keptDataDir`, which it leaves in place when it stops), in
 * a process of its own, as `npm start` runs it: for the benchmarks, and for the screenshots and the web benchmark
 * (scripts/demo-product.mjs).
 */
export async function startBenchProduct(port: number, name: string, keptDataDir?: string): Promise<BenchProduct> {
  const origin = `http://127.0.0.1:${port}`;
  const base = `${origin}/api/v1`;
  const dataDir = keptDataDir ?? mkdtempSync(join(tmpdir(), `integrity-bench-${name}-`));
  const server = spawn(process.execPath, [join(__dirname, '../apps/api/src/main.js')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, REDIS_URL: '', MONGODB_URI: '' },
    stdio: 'ignore',
  });
  const call = async (path: string, body?: object, token?: string) => {
    const response = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  };
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    if (!keptDataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    // Another server on the port would answer the health check: make sure it is this one.
    if (server.exitCode !== null) throw new Error(`The API exited with ${server.exitCode} (is port ${port} in use?)`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) {
      await stop();
      throw new Error('The API did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const officerToken = async () => {
    const admin = (await call('/auth/token', { username: 'admin', password: BENCH_ADMIN_PASSWORD })).accessToken;
    const unit = await call('/units', { code: 'BENCH', name: '測試政風室', agencyName: '測試機關' }, admin);
    await call('/users', { username: 'bench.officer', password: 'bench-officer-password', displayName: '壓測', unitId: unit.id, roles: ['ethics_officer'] }, admin);
    return (await call('/auth/token', { username: 'bench.officer', password: 'bench-officer-password' })).accessToken;
  };
  return { origin, base, server, call, officerToken, stop };
}
