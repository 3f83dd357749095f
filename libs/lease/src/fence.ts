export const WRITER_FENCE = Symbol('WRITER_FENCE');

/** This process may no longer lead: what it was about to write is for the leader to write. */
export class FencedError extends Error {
  readonly code = 'LEASE_LOST';

  constructor(reason: string) {
    super(`Not writing: ${reason}`);
    this.name = 'FencedError';
  }
}

/**
 * What a leader's writes are checked against. `epoch()` answers the epoch to write with while this process may
 * lead, and throws FencedError from the moment it may not (its lease unconfirmed past expiry, lost or released),
 * whether or not a timer has run since: a process paused past its lease refuses on its first step after.
 */
export interface Fence {
  epoch(): number;
}

/** The embedded mode's one process is the only writer there can be: epoch 0, below any lease's. */
export const SOLE_WRITER: Fence = { epoch: () => 0 };
