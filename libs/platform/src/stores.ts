import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { chainUnchainedEvents, EventStoreDbEventStore, nameBasedId, SqliteEventStore, WrongExpectedRevisionError, type EventStore } from '@integrity/event-store';
import { MongoDbLease, RedisLease, type Lease } from '@integrity/lease';
import { EmbeddedReadModelStore, MongoDbReadModelStore, readModelsAheadOfLog, type ActiveReadModels, type ReadModelStore } from '@integrity/read-models';
import { DataDirLock } from './data-dir-lock';
import { checkSqliteFile } from './integrity/sqlite-file-check';
import { STORE_FILES, type StoreIntegrity } from './integrity/store-integrity';
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

/** The log as it is kept: EventStoreDB when EVENTSTORE_CONNECTION_STRING is set (checked first), otherwise SQLite in DATA_DIR. */
export function openEventLog(settings: Settings): Promise<EventStoreDbEventStore | SqliteEventStore> {
  if (settings.eventStoreConnectionString) return checked(new EventStoreDbEventStore(settings.eventStoreConnectionString));
  return Promise.resolve(new SqliteEventStore({ file: join(settings.dataDir, STORE_FILES.eventStore) }));
}

/**
 * The event log every writer uses (hash-chained in each stream by either adapter). A SQLite log with events from
 * before the chain existed has them chained once, here, and says so in the application log and in the log itself.
 */
export async function openEventStore(settings: Settings): Promise<EventStore> {
  const log = await openEventLog(settings);
  if (log instanceof SqliteEventStore) {
    // A damaged file is not chained: the application starts, the store check reports the damage and refuses writes.
    await migrateChains(log).catch((error: unknown) => new Logger('EventLog').error(`Chaining events from before the hash chain failed: ${error instanceof Error ? error.message : String(error)}`));
  }
  return log;
}

async function migrateChains(log: SqliteEventStore): Promise<void> {
  const { chained: count, upTo } = await chainUnchainedEvents(log);
  if (count === 0 || upTo === null) return;
  new Logger('EventLog').log(`Chained ${count} event(s) recorded before the hash chain existed, up to position ${upTo} (a migration, once)`);
  const streamId = `auditmigration-${nameBasedId('audit-chain-migration', `${await log.identity()}:${upTo}`)}`;
  const now = new Date().toISOString();
  const data = { events: count, upToPosition: upTo.toString() };
  const metadata = { actorId: 'migration', unitId: null, correlationId: randomUUID(), causationId: null, occurredAt: now };
  try {
    await log.append(streamId, [{ id: nameBasedId('audit-chain-migrated', streamId), type: 'AuditChainMigrated', schemaVersion: 1, data, metadata }], 'no_stream');
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
  }
}

/** The personal-data keys' database when PERSONAL_DATA_KEYS_MONGODB_URI does not name one: apart from the read models'. */
export const KEYS_DATABASE = 'integrity_personal_data_keys';

/**
 * The personal-data keys' own MongoDB database (checked first): PERSONAL_DATA_KEYS_MONGODB_URI's, or KEYS_DATABASE
 * on MONGODB_URI's server. Never the read models' database, which may be dropped and rebuilt at any time.
 */
export function openPersonalDataKeyDatabase(settings: Settings & { mongodbUri: string }): Promise<MongoDbReadModelStore> {
  return checked(settings.personalDataKeysMongodbUri ? new MongoDbReadModelStore(settings.personalDataKeysMongodbUri) : new MongoDbReadModelStore(settings.mongodbUri, KEYS_DATABASE));
}

/**
 * MongoDB when MONGODB_URI is set (checked first), otherwise the embedded read models in DATA_DIR, which this process
 * then holds. The embedded file is derived data: when it is damaged or cannot be opened, it is set aside (renamed,
 * never deleted) and made afresh, and the projector and the identity fold rebuild it from the log.
 */
export function openReadModelStore(settings: Settings, integrity: Pick<StoreIntegrity, 'setAside'> | null = null): Promise<ReadModelStore> {
  if (settings.mongodbUri) return checked(new MongoDbReadModelStore(settings.mongodbUri));
  DataDirLock.acquire(settings.dataDir);
  const file = join(settings.dataDir, STORE_FILES.readModels);
  const check = checkSqliteFile(file);
  let problems = check.problems;
  if (check.ok) {
    try {
      return Promise.resolve(new EmbeddedReadModelStore(file));
    } catch (error) {
      problems = [error instanceof Error ? error.message : String(error)];
    }
  }
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${aside}${suffix}`);
  integrity?.setAside('readModels', problems, aside);
  return Promise.resolve(new EmbeddedReadModelStore(file));
}

const WORKER_LEASE = 'worker';

/** The lease that lets one worker at a time lead: in Redis when REDIS_URL is set, else in MongoDB; null with neither. */
export function openWorkerLease(settings: Settings): Lease | null {
  if (settings.redisUrl) return new RedisLease(settings.redisUrl, settings.redisPrefix, WORKER_LEASE);
  if (settings.mongodbUri) return new MongoDbLease(settings.mongodbUri, WORKER_LEASE);
  return null;
}

/** What readModelsAheadOfLog finds of the active read models (the start and periodic checks). */
export async function readModelsAheadOf(events: EventStore, readModels: ActiveReadModels): Promise<string[]> {
  return readModelsAheadOfLog(events, await (await readModels.current()).checkpoint());
}
