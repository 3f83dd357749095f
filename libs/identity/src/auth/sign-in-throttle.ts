import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { IdentityError } from '../identity-error';
import { accountKey } from '../users/account-key';

/** Failures allowed per account, and per client address, in a window of 15 minutes. */
export const SIGN_IN_LIMITS = { perAccount: 10, perAddress: 100, windowSeconds: 15 * 60 };


export class TooManyAttemptsError extends IdentityError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_ATTEMPTS', `Too many failed sign-ins: try again in ${retryAfterSeconds} s`, 429, undefined, { retryAfterSeconds });
  }
}

/**
 * Sign-in throttling (rate-limiter-flexible): failures are counted per account and per client address, in
 * memory on the embedded default and in Redis when REDIS_URL is set (with memory as insurance while Redis is
 * unreachable). A success clears the account's count. The answer is the same whether the account exists.
 */
export class SignInThrottle {
  private readonly account: RateLimiterAbstract;
  private readonly address: RateLimiterAbstract;
  private readonly redis: Redis | null;

  constructor(redisUrl: string | null, prefix: string) {
    const window = { duration: SIGN_IN_LIMITS.windowSeconds };
    // RESP2, as the queue's connections (ioredis 6 defaults to RESP3, which asks Redis 6 or newer).
    this.redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false, protocol: 2 }) : null;
    const limiter = (points: number, keyPrefix: string): RateLimiterAbstract =>
      this.redis
        ? new RateLimiterRedis({ storeClient: this.redis, points, ...window, keyPrefix: `${prefix}:${keyPrefix}`, insuranceLimiter: new RateLimiterMemory({ points, ...window, keyPrefix }) })
        : new RateLimiterMemory({ points, ...window, keyPrefix });
    this.account = limiter(SIGN_IN_LIMITS.perAccount, 'sign-in-account');
    this.address = limiter(SIGN_IN_LIMITS.perAddress, 'sign-in-address');
    this.redis?.on('error', () => undefined);
  }

  /** Refuses, before any password is hashed, an account or an address that has used up its failures. */
  async assertAllowed(username: string, address: string): Promise<void> {
    const [account, fromAddress] = await Promise.all([this.account.get(accountKey(username)), this.address.get(address)]);
    const blocked = [
      [account, SIGN_IN_LIMITS.perAccount],
      [fromAddress, SIGN_IN_LIMITS.perAddress],
    ].filter(([res, points]) => res !== null && (res as RateLimiterRes).consumedPoints >= (points as number));
    if (blocked.length > 0) throw new TooManyAttemptsError(Math.max(...blocked.map(([res]) => Math.ceil((res as RateLimiterRes).msBeforeNext / 1000))));
  }

  /** Counts a failure; answers whether the account is now locked (for the security log). */
  async failed(username: string, address: string): Promise<{ locked: boolean }> {
    const consume = (limiter: RateLimiterAbstract, key: string) => limiter.consume(key).then((res) => res, (res: unknown) => (res instanceof RateLimiterRes ? res : Promise.reject(res)));
    const [account] = await Promise.all([consume(this.account, accountKey(username)), consume(this.address, address)]);
    return { locked: account.consumedPoints >= SIGN_IN_LIMITS.perAccount };
  }

  async succeeded(username: string): Promise<void> {
    await this.account.delete(accountKey(username));
  }

  close(): void {
    this.redis?.disconnect();
  }
}
