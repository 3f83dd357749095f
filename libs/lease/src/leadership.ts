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

/**
 * One holder's part in a lease: waits to lead, then renews until it stops or loses the lease. Lost means another
 * holder has it, or the store could not confirm it before it would have expired (the store away, this process
 * stalled): from then on another may lead, so the caller must stop leading at once.
 */
export class Leadership {
  private confirmedUntil = 0;
  private renewing: NodeJS.Timeout | null = null;
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
      const leader = await this.lease.holder().catch(() => null);
      if (leader !== told) waiting((told = leader));
      await pause(this.timings.renewEveryMs);
    }
    return false;
  }

  /** Renews the lease until `release`; `lost` is called once if it is lost first. */
  keep(lost: (reason: string) => void): void {
    const renew = async () => {
      this.renewing = null;
      if (this.stopped) return;
      let reason: string | null = null;
      try {
        if (!(await this.tryHold())) reason = `the lease is held by ${(await this.lease.holder().catch(() => null)) ?? 'another worker'}`;
      } catch (error) {
        if (this.now() >= this.confirmedUntil) reason = `the lease could not be renewed before it expired (${error instanceof Error ? error.message : String(error)})`;
      }
      if (this.stopped) return;
      if (reason !== null) {
        this.stopped = true;
        lost(reason);
        return;
      }
      this.renewing = setTimeout(() => void renew(), this.timings.renewEveryMs);
    };
    this.renewing = setTimeout(() => void renew(), this.timings.renewEveryMs);
  }

  /** Stops renewing and gives the lease up, so a standby leads at once. */
  async release(): Promise<void> {
    this.stopped = true;
    if (this.renewing) clearTimeout(this.renewing);
    await this.lease.release(this.holder).catch(() => undefined);
  }

  /** The deadline counts from before the request: the store may have set it any time after. */
  private async tryHold(): Promise<boolean> {
    const askedAt = this.now();
    const held = await this.lease.hold(this.holder, this.timings.ttlMs);
    if (held) this.confirmedUntil = askedAt + this.timings.ttlMs;
    return held;
  }
}
