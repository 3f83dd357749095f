import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { until } from './polling';

export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** A key prefix of this test run's own, so runs sharing the machine's Redis never collide. */
export const testPrefix = (name: string) => `integrity-test-${name}-${randomUUID().slice(0, 8)}`;

/** FLUSHALL, for this run's keys only: every key under the prefix goes, other runs' keys stay. */
export async function flushPrefix(prefix: string): Promise<number> {
  const redis = new IORedis(REDIS_URL);
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) removed += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return removed;
}

/** A Redis of the test's own (never the shared one on 6379, which other tests use meanwhile), on a free port, to stop. */
export async function privateRedis(port: number): Promise<ChildProcess> {
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const client = new IORedis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  await until(async () => client.connect().then(() => true, () => false), 'the private Redis to answer');
  client.disconnect();
  return server;
}
