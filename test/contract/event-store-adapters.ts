import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@integrity/event-store';
import { EventStoreDb2410Double } from '../support/eventstoredb-24-10-double';
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
      // Not a server: the adapter against a named double of EventStoreDB 24.10's behaviour (see the double).
      name: 'eventstoredb adapter on the EventStoreDB 24.10 double',
      skipReason: null,
      create: () => new EventStoreDbEventStore(new EventStoreDb2410Double().connection()),
      cleanup: () => undefined,
    },
    {
      name: 'eventstoredb',
      skipReason: esdb ? null : 'EVENTSTORE_CONNECTION_STRING is not set',
      create: () => new EventStoreDbEventStore(esdb as string),
      cleanup: () => undefined,
    },
  ];
}
