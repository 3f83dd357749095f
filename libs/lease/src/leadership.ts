import { FencedError, type Fence } from './fence';
import type { Lease } from './lease.port';

export interface LeadershipTimings {
  /** How long the lease lasts unrenewed: a dead leader is replaced within this plus one `renewEveryMs`. */
  ttlMs: number;
  /** How often the leader renews and a standby tries to take over. */
  renewEveryMs: number;
}

/** The worker's lease: a killed leader's successor leads within 10 s, and a leader stalled 6 s by a busy loop keeps it. */
export const WORKER_LEASE_TIMINGS: LeadershipTimings = { ttlMs: 8_000, renewEveryMs: 2_000 };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A lease store that does not answer (a majority write during a failover, a half-open connection) is an error in time. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the lease store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One holder's part in a lease: waits to lead, then renews until it stops or loses the lease. Lost means another
 * holder has it, or the store could not confirm it before it would have expired (the store away or silent, this
 * process stalled): from then on another may lead, so the caller must stop leading at once. It is also the
 * leader's fence: `epoch()` refuses from the moment the lease is no longer confirmed, and the epoch it answers
 * goes with the writes the stores check (the projector's checkpoint).
 */
export class Leadership implements Fence {
  private confirmedUntil = 0;
  private heldEpoch: number | null = null;
  private renewing: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private lost: ((reason: string) => void) | null = null;
  private stopped = false;

  constructor(
    private readonly lease: Lease,
    readonly holder: string,
    private readonly timings: LeadershipTimings = WORKER_LEASE_TIMINGS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves true once this holder leads, or false if it is released first (a standby told to stop); `waiting`
   * hears who leads meanwhile (once per change).
   */
  async lead(waiting: (leader: string | null) => void = () => undefined): Promise<boolean> {
    let told: string | null | undefined;
    while (!this.stopped) {
      if (await this.tryHold().catch(() => false)) {
        if (!this.stopped) return true;
        // Taken just as it was given up: give it up again, so that no stopped process holds it.
        await this.lease.release(this.holder).catch(() => undefined);
        return false;
      }
      const leader = await within(this.callTimeoutMs, this.lease.holder()).catch(() => null);
      if (leader !== told) waiting((told = leader));
      await pause(this.timings.renewEveryMs);
    }
    return false;
  }

  /**
   * Renews the lease until `release`; `lost` is called once if it is lost first: another holds it, or it was not
   * confirmed by the time it would expire (the watchdog does not wait for a renewal that does not answer).
   */
  keep(lost: (reason: string) => void): void {
    this.lost = lost;
    const renew = async () => {
      this.renewing = null;
      if (this.stopped) return;
      try {
        if (!(await this.tryHold())) return this.lose(`the lease is held by ${(await within(this.callTimeoutMs, this.lease.holder()).catch(() => null)) ?? 'another worker'}`);
      } catch (error) {
        if (this.now() >= this.confirmedUntil) return this.lose(`the lease could not be renewed before it expired (${error instanceof Error ? error.message : String(error)})`);
      }
      if (!this.stopped) this.renewing = setTimeout(() => void renew(), this.timings.renewEveryMs);
    };
    this.armWatchdog();
    this.renewing = setTimeout(() => void renew(), this.timings.renewEveryMs);
  }

  /** The epoch to write with while this holder leads; FencedError once it may not. */
  epoch(): number {
    if (this.stopped || this.heldEpoch === null) throw new FencedError(`${this.holder} does not lead`);
    if (this.now() >= this.confirmedUntil) throw new FencedError(`${this.holder}'s lease was not confirmed before it expired`);
    return this.heldEpoch;
  }

  /** Stops renewing and gives the lease up, so a standby leads at once. */
  async release(): Promise<void> {
    this.stop();
    await within(this.callTimeoutMs, this.lease.release(this.holder)).catch(() => undefined);
  }

  /** Half the lease: a call still unanswered by then could not have been renewed in time to matter. */
  private get callTimeoutMs(): number {
    return Math.max(1, Math.floor(this.timings.ttlMs / 2));
  }

  private stop(): void {
    this.stopped = true;
    if (this.renewing) clearTimeout(this.renewing);
    if (this.watchdog) clearTimeout(this.watchdog);
  }

  private lose(reason: string): void {
    if (this.stopped) return;
    this.stop();
    this.lost?.(reason);
  }

  /** Fires at `confirmedUntil`, unless a renewal confirms the lease further first. */
  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    if (this.stopped || this.lost === null) return;
    this.watchdog = setTimeout(() => {
      if (this.now() >= this.confirmedUntil) this.lose('the lease was not confirmed before it expired');
      else this.armWatchdog();
    }, Math.max(0, this.confirmedUntil - this.now()));
    this.watchdog.unref();
  }

  /** The deadline counts from before the request: the store may have set it any time after. */
  private async tryHold(): Promise<boolean> {
    const askedAt = this.now();
    const epoch = await within(this.callTimeoutMs, this.lease.hold(this.holder, this.timings.ttlMs));
    if (epoch === null) return false;
    this.heldEpoch = epoch;
    this.confirmedUntil = askedAt + this.timings.ttlMs;
    this.armWatchdog();
    return true;
  }
}
