import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchProduct {
  base: string;
  server: ChildProcess;
  post: (path: string, body: object, token?: string) => Promise<Record<string, string>>;
  /** An officer of a fresh unit, signed in. */
  officerToken: () => Promise<string>;
  stop: () => Promise<void>;
}

/** The built product (`dist/`) on a fresh DATA_DIR, in a process of its own, as `npm start` runs it. */
export async function startBenchProduct(port: number, name: string): Promise<BenchProduct> {
  const base = `http://127.0.0.1:${port}/api/v1`;
  const dataDir = mkdtempSync(join(tmpdir(), `integrity-bench-${name}-`));
  const server = spawn(process.execPath, [join(__dirname, '../apps/api/src/main.js')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'bench-admin-password', REDIS_URL: '', MONGODB_URI: '' },
    stdio: 'ignore',
  });
  const post = async (path: string, body: object, token?: string) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  };
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
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
    const admin = (await post('/auth/token', { username: 'admin', password: 'bench-admin-password' })).accessToken;
    const unit = await post('/units', { code: 'BENCH', name: '測試政風室', agencyName: '測試機關' }, admin);
    await post('/users', { username: 'bench.officer', password: 'bench-officer-password', displayName: '壓測', unitId: unit.id, roles: ['ethics_officer'] }, admin);
    return (await post('/auth/token', { username: 'bench.officer', password: 'bench-officer-password' })).accessToken;
  };
  return { base, server, post, officerToken, stop };
}
