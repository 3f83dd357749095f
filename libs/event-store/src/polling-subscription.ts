import type { EventEmitter } from 'node:events';
import type { RecordedEvent } from './event-envelope';
import type { Subscription } from './event-store.port';

export interface PollingSubscriptionOptions {
  after: bigint | null;
  handler: (event: RecordedEvent) => Promise<void>;
  read: (after: bigint | null) => Promise<RecordedEvent[]>;
  /** Wakes the subscription at once when this process appends; polling catches other processes' appends. */
  appended: EventEmitter;
  pollIntervalMs: number;
}

/** Catch-up then live, one event at a time in position order, for stores that can be read from a position. */
export function pollingSubscription({ after, handler, read, appended, pollIntervalMs }: PollingSubscriptionOptions): Subscription {
  let stopped = false;
  let wake: (() => void) | null = null;
  const onAppended = () => wake?.();
  appended.on('appended', onAppended);

  const run = async () => {
    let last = after;
    while (!stopped) {
      const batch = await read(last);
      for (const event of batch) {
        if (stopped) return;
        await handler(event);
        last = event.position;
      }
      if (batch.length === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  };
  const done = run().finally(() => appended.off('appended', onAppended));

  return {
    done,
    async stop() {
      stopped = true;
      wake?.();
      await done.catch(() => undefined);
    },
  };
}
