/** Time comes from here, never from Date.now() inside the domain, so tests can move it. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');
