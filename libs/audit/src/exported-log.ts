import type { AppendResult, EventStore, RecordedEvent, SubscriptionOptions } from '@integrity/event-store';

/** An event as a unit's export writes it, one JSON line each: the stored envelope, its position as a string. */
export function exportedLine(event: RecordedEvent): string {
  return JSON.stringify({ ...event, position: event.position.toString() });
}

/**
 * The events of an export (its `events.jsonl`), read back as a log that can only be read: what the chain verifier
 * walks offline, with no store behind it.
 */
export class ExportedLog implements EventStore {
  private readonly events: RecordedEvent[];

  constructor(lines: string) {
    this.events = lines
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const parsed = JSON.parse(line) as Omit<RecordedEvent, 'position'> & { position: string };
        return { ...parsed, position: BigInt(parsed.position) };
      })
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.events.filter((e) => e.streamId === streamId).sort((a, b) => a.revision - b.revision);
  }

  async readAll(after: bigint | null, limit: number, options: SubscriptionOptions = {}): Promise<RecordedEvent[]> {
    const categories = options.categories ? new Set(options.categories) : null;
    // The first event after `after`, found by halving: the events are in position order.
    let [low, high] = [0, this.events.length];
    while (after !== null && low < high) {
      const middle = (low + high) >> 1;
      if (this.events[middle].position > after) high = middle;
      else low = middle + 1;
    }
    const page: RecordedEvent[] = [];
    for (let i = low; i < this.events.length && page.length < limit; i++) {
      const event = this.events[i];
      if (!categories || categories.has(event.streamId.slice(0, event.streamId.indexOf('-')))) page.push(event);
    }
    return page;
  }

  async headPosition(): Promise<bigint | null> {
    return this.events.at(-1)?.position ?? null;
  }

  async identity(): Promise<string> {
    return 'export';
  }

  append(): Promise<AppendResult> {
    return Promise.reject(new Error('An export is read, never written'));
  }

  subscribe(): never {
    throw new Error('An export is read, never followed');
  }

  async close(): Promise<void> {}
}
