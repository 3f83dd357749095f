import type { Clock } from '@integrity/domain';

/** A clock the test moves, instead of sleeping. */
export class TestClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  set(instant: string | Date): void {
    this.current = new Date(instant);
  }
}
