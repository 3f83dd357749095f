import { join } from 'node:path';
import { EventStoreDbEventStore, SqliteEventStore, type EventStore } from '@integrity/event-store';
import { EmbeddedReadModelStore, MongoDbReadModelStore, type ReadModelStore } from '@integrity/read-models';
import { DataDirLock } from './data-dir-lock';
import { STORE_FILES } from './integrity/store-integrity';
import type { Settings } from './settings';

/** A store unfit to start on: its message says what to fix, and no stack trace buries it. */
export class StoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreRefusedError';
    this.stack = `${this.name}: ${message}`;
  }
}

/** Refuses to start on a server that fails its check: one message saying what to fix, the connection closed. */
async function checked<T extends { checkServer(): Promise<void>; close(): Promise<void> }>(store: T): Promise<T> {
  try {
    await store.checkServer();
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new StoreRefusedError(error instanceof Error ? error.message : String(error));
  }
}

/** EventStoreDB when EVENTSTORE_CONNECTION_STRING is set (checked first), otherwise the SQLite log in DATA_DIR. */
export function openEventStore(settings: Settings): Promise<EventStore> {
  if (settings.eventStoreConnectionString) return checked(new EventStoreDbEventStore(settings.eventStoreConnectionString));
  return Promise.resolve(new SqliteEventStore({ file: join(settings.dataDir, STORE_FILES.eventStore) }));
}

/** MongoDB when MONGODB_URI is set (checked first), otherwise the embedded read models in DATA_DIR, which this process then holds. */
export function openReadModelStore(settings: Settings): Promise<ReadModelStore> {
  if (settings.mongodbUri) return checked(new MongoDbReadModelStore(settings.mongodbUri));
  DataDirLock.acquire(settings.dataDir);
  return Promise.resolve(new EmbeddedReadModelStore(join(settings.dataDir, STORE_FILES.readModels)));
}
