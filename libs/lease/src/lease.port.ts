/**
 * A named lease that one holder at a time may hold for a while: the worker that holds it leads (projects, reconciles,
 * drafts), the others stand by. Expiry is kept by the store's own clock, so holders on machines whose clocks
 * disagree still see the same deadline. Every adapter passes `test/contract/lease.contract-spec.ts`.
 */
export interface Lease {
  /**
   * Takes the lease for `holder` when it is free or has expired, or extends it when `holder` already has it, to
   * `ttlMs` from now. Answers the lease's epoch when `holder` holds it now, null when another does. The epoch (a
   * fencing token) is greater at every change of hands, and the same while one holder extends it: a write carrying
   * an older epoch than one already written comes from a holder that has lost the lease.
   */
  hold(holder: string, ttlMs: number): Promise<number | null>;
  /** Gives the lease up, if `holder` has it, so a standby takes over at once rather than after expiry. */
  release(holder: string): Promise<void>;
  /** Who holds the lease now; null when nobody does. */
  holder(): Promise<string | null>;
  close(): Promise<void>;
}
