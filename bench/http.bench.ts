import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = 3917;
const base = `http://127.0.0.1:${PORT}/api/v1`;

async function post(path: string, body: object, token?: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The API did not start');
}

/** POST /api/v1/reflections at a steady 1,000 requests/s over loopback, the server in its own process. */
export async function benchHttp(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'integrity-bench-http-'));
  const server = spawn(process.execPath, [join(__dirname, '../apps/api/src/main.js')], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'bench-admin-password' },
    stdio: 'ignore',
  });
  try {
    await waitForHealth();
    const admin = (await post('/auth/token', { username: 'admin', password: 'bench-admin-password' })).accessToken;
    const unit = await post('/units', { code: 'BENCH', name: '測試政風室', agencyName: '測試機關' }, admin);
    await post('/users', { username: 'bench.officer', password: 'bench-officer-password', displayName: '壓測', unitId: unit.id, roles: ['ethics_officer'] }, admin);
    const token = (await post('/auth/token', { username: 'bench.officer', password: 'bench-officer-password' })).accessToken;
    const body = JSON.stringify({
      nature: 'public_need',
      category: 'public_facilities',
      summary: '河川疏濬延宕，雨季恐淹水',
      receivedOn: '2026-11-26',
      reporter: { name: '王小明', phone: '0912-345-678', address: '臺中市北區中華路1號' },
      theme: 'river_dredging',
    });
    const run = (duration: number) =>
      autocannon({
        url: `${base}/reflections`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        connections: 10,
        overallRate: 1000,
        duration,
      });
    await run(3);
    const result = await run(15);
    const ok = result['2xx'];
    console.log('POST /api/v1/reflections with a reporter to seal, steady 1,000 requests/s offered over 10 connections, 15 s (after a 3 s warm-up)');
    console.log(`  served ${(ok / result.duration).toFixed(0)} requests/s (2xx: ${ok}, other: ${result.non2xx}, errors: ${result.errors}, timeouts: ${result.timeouts})`);
    console.log(`  latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (target: 1,000 requests/s with p99 < 25 ms)`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
