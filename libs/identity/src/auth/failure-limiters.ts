import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Counters of failed attempts (rate-limiter-flexible), shared by every API process through Redis when REDIS_URL is
 * set, with memory as insurance while Redis is unreachable; in this process's memory otherwise.
 */
export class FailureLimiters {
  private readonly redis: Redis | null;

  constructor(
    redisUrl: string | null,
    private readonly prefix: string,
  ) {
    // RESP2, as the queue's connections (ioredis 6 defaults to RESP3, which asks Redis 6 or newer).
    this.redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, protocol: 2 }) : null;
    this.redis?.on('error', () => undefined);
  }

  /** `points` failures per `duration` seconds, counted under `keyPrefix`. */
  limiter(points: number, duration: number, keyPrefix: string): RateLimiterAbstract {
    return this.redis
      ? new RateLimiterRedis({ storeClient: this.redis, points, duration, keyPrefix: `${this.prefix}:${keyPrefix}`, insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix }) })
      : new RateLimiterMemory({ points, duration, keyPrefix });
  }

  close(): void {
    this.redis?.disconnect();
  }
}
