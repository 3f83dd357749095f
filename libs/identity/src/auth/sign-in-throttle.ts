import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { FailureLimiters } from './failure-limiters';
import { IdentityError } from '../identity-error';
import { accountKey } from '../users/account-key';

/**
 * Failures allowed in a window of 15 minutes: per client address, and per account from one address; past either,
 * that address (for that account) is refused. Per account alone nothing locks: past `slowAfter` failures each
 * attempt on the account waits, doubling up to `slowestMs`, so guesses from many addresses stay useless while
 * the right password from a new address still signs in.
 */
export const SIGN_IN_LIMITS = { perAddress: 100, perAccountAndAddress: 10, windowSeconds: 15 * 60, slowAfter: 3, firstDelayMs: 250, slowestMs: 5000 };

export class TooManyAttemptsError extends IdentityError {
  constructor(
    readonly retryAfterSeconds: number,
    /** `busy`: too many sign-ins at once, not failures. */
    why: 'failures' | 'busy' = 'failures',
  ) {
    super(
      'TOO_MANY_ATTEMPTS',
      why === 'busy' ? `Too many sign-ins at once: try again in ${retryAfterSeconds} s` : `Too many failed sign-ins: try again in ${retryAfterSeconds} s`,
      429,
      undefined,
      { retryAfterSeconds, ...(why === 'busy' ? { busy: true } : {}) },
    );
  }
}

/** Attempts on one account in this process, one after another, each after the account's delay. */
class AccountQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, delayMs: () => Promise<number>, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(async () => {
      const wait = await delayMs();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return task();
    });
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** Sign-in throttling (see FailureLimiters for where it counts). The answer is the same whether the account exists. */
export class SignInThrottle {
  private readonly address: RateLimiterAbstract;
  private readonly pair: RateLimiterAbstract;
  private readonly account: RateLimiterAbstract;
  /** Raised when the administrator clears an account's locks: the pairs counted before no longer count. */
  private readonly clears: RateLimiterAbstract;
  private readonly queue = new AccountQueue();
  private readonly limiters: FailureLimiters;

  constructor(redisUrl: string | null, prefix: string) {
    this.limiters = new FailureLimiters(redisUrl, prefix);
    const limiter = (points: number, duration: number, keyPrefix: string) => this.limiters.limiter(points, duration, keyPrefix);
    const window = SIGN_IN_LIMITS.windowSeconds;
    this.address = limiter(SIGN_IN_LIMITS.perAddress, window, 'sign-in-address');
    this.pair = limiter(SIGN_IN_LIMITS.perAccountAndAddress, window, 'sign-in-pair');
    this.account = limiter(Number.MAX_SAFE_INTEGER, window, 'sign-in-account');
    // Longer than any pair's window: a cleared count never comes back.
    this.clears = limiter(Number.MAX_SAFE_INTEGER, 2 * window, 'sign-in-clears');
  }

  private async pairKey(username: string, address: string): Promise<string> {
    const account = accountKey(username);
    const cleared = (await this.clears.get(account))?.consumedPoints ?? 0;
    return `${account}|${cleared}|${address}`;
  }

  /**
   * Runs a sign-in attempt: refused before any password is hashed when the address, or this account from this
   * address, used up its failures; otherwise after the account's delay, one attempt at a time per account.
   */
  async attempt<T>(username: string, address: string, verify: () => Promise<T>): Promise<T> {
    const [fromAddress, fromPair] = await Promise.all([this.address.get(address), this.pair.get(await this.pairKey(username, address))]);
    const blocked = [
      [fromAddress, SIGN_IN_LIMITS.perAddress],
      [fromPair, SIGN_IN_LIMITS.perAccountAndAddress],
    ].filter(([res, points]) => res !== null && (res as RateLimiterRes).consumedPoints >= (points as number));
    if (blocked.length > 0) throw new TooManyAttemptsError(Math.max(...blocked.map(([res]) => Math.ceil((res as RateLimiterRes).msBeforeNext / 1000))));
    return this.queue.run(accountKey(username), () => this.delayFor(username), verify);
  }

  /** How long an attempt on this account waits: nothing for the first failures, then doubling to the slowest. */
  async delayFor(username: string): Promise<number> {
    const failures = (await this.account.get(accountKey(username)))?.consumedPoints ?? 0;
    if (failures < SIGN_IN_LIMITS.slowAfter) return 0;
    return Math.min(SIGN_IN_LIMITS.slowestMs, SIGN_IN_LIMITS.firstDelayMs * 2 ** (failures - SIGN_IN_LIMITS.slowAfter));
  }

  /** Counts a failure; answers what it locked now (for the security log). */
  async failed(username: string, address: string): Promise<{ pairLocked: boolean; addressLocked: boolean }> {
    const consume = (limiter: RateLimiterAbstract, key: string) => limiter.consume(key).then((res) => res, (res: unknown) => (res instanceof RateLimiterRes ? res : Promise.reject(res)));
    const [pair, fromAddress] = await Promise.all([
      consume(this.pair, await this.pairKey(username, address)),
      consume(this.address, address),
      consume(this.account, accountKey(username)),
    ]);
    return { pairLocked: pair.consumedPoints === SIGN_IN_LIMITS.perAccountAndAddress, addressLocked: fromAddress.consumedPoints === SIGN_IN_LIMITS.perAddress };
  }

  /** The right password: the account and this address start afresh. */
  async succeeded(username: string, address: string): Promise<void> {
    await Promise.all([this.account.delete(accountKey(username)), this.pair.delete(await this.pairKey(username, address))]);
  }

  /** The administrator clears an account's locks and slowdown, from every address. */
  async clear(username: string): Promise<void> {
    const account = accountKey(username);
    await Promise.all([this.clears.penalty(account, 1), this.account.delete(account)]);
  }

  close(): void {
    this.limiters.close();
  }
}
