import IORedis, { type Redis } from 'ioredis';
import type { Lease } from '../lease.port';

/**
 * KEYS[1]: the lease (its holder, expiring); KEYS[2]: its epoch (kept). ARGV: holder, ttl in ms. Sets it when free
 * or already this holder's, in one step, and answers its epoch (-1 when another holds it). Taken afresh, the
 * epoch becomes one more than before and at least Redis's clock in ms, so it still grows if the counter is lost.
 */
const HOLD = `
local current = redis.call('GET', KEYS[1])
if current ~= false and current ~= ARGV[1] then return -1 end
local epoch = tonumber(redis.call('GET', KEYS[2]))
if current == false or epoch == nil then
  local t = redis.call('TIME')
  epoch = math.max((epoch or 0) + 1, tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
  redis.call('SET', KEYS[2], string.format('%d', epoch))
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return epoch`;
/** KEYS[1]: the lease; ARGV[1]: holder. Deletes it only when this holder has it. */
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/** The lease as a Redis key that expires (PX): Redis's clock decides when it lapses. */
export class RedisLease implements Lease {
  private readonly redis: Redis;
  private readonly key: string;
  private readonly epochKey: string;
  private connecting: Promise<void> | null = null;

  constructor(redisUrl: string, prefix: string, name: string) {
    // A command fails at once while Redis is away, so a leader notices it can no longer renew. RESP2, as the queue's connections.
    this.redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, protocol: 2 });
    this.redis.on('error', () => undefined);
    this.key = `${prefix}:lease:${name}`;
    this.epochKey = `${prefix}:lease-epoch:${name}`;
  }

  async hold(holder: string, ttlMs: number): Promise<number | null> {
    const epoch = Number(await this.ready().then(() => this.redis.eval(HOLD, 2, this.key, this.epochKey, holder, String(Math.ceil(ttlMs)))));
    return epoch >= 0 ? epoch : null;
  }

  async release(holder: string): Promise<void> {
    await this.ready().then(() => this.redis.eval(RELEASE, 1, this.key, holder));
  }

  async holder(): Promise<string | null> {
    return this.ready().then(() => this.redis.get(this.key));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Connects on first use (ioredis reconnects by itself after that). */
  private ready(): Promise<void> {
    this.connecting ??= this.redis.connect();
    return this.connecting;
  }
}
