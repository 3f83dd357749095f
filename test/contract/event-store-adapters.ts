import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@integrity/event-store';
import { tempDir } from '../support/temp-dir';

export interface EventStoreAdapter {
  name: string;
  /** Why the adapter cannot run here, or null when it can. */
  skipReason: string | null;
  create: () => EventStore;
  cleanup: () => void;
}

export function eventStoreAdapters(): EventStoreAdapter[] {
  const dir = tempDir('event-store');
  let files = 0;
  const esdb = process.env.EVENTSTORE_CONNECTION_STRING;
  return [
    {
      name: 'sqlite',
      skipReason: null,
      create: () => new SqliteEventStore({ file: join(dir.path, `events-${files++}.sqlite`), pollIntervalMs: 20 }),
      cleanup: dir.remove,
    },
    {
      name: 'eventstoredb',
      skipReason: esdb ? null : 'EVENTSTORE_CONNECTION_STRING is not set',
      create: () => new EventStoreDbEventStore(esdb as string),
      cleanup: () => undefined,
    },
  ];
}
