import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isSealed, logPages, nameBasedId, type EventStore } from '@integrity/event-store';
import { Logger } from '@nestjs/common';
import { openPersonalDataKeyDatabase, STORE_FILES, StoreDamagedError, type Settings, type StoreIntegrity } from '@integrity/platform';
import { EmbeddedReadModelStore, type ReadModelStore } from '@integrity/read-models';
import type { PersonalDataKey, PersonalDataKeyStore } from './personal-data-key-store';
import { ReadModelPersonalDataKeyStore } from './read-model-personal-data-key-store';
import { SqlitePersonalDataKeyStore } from './sqlite-personal-data-key-store';

/** Where the log records which key store its sealed reporters need (PersonalDataKeyStoreCreated). */
const KEY_STORE_STREAM = `keystore-${nameBasedId('key-store', 'personal-data')}`;

async function recordedIdentity(events: EventStore): Promise<string | null> {
  const history = await events.readStream(KEY_STORE_STREAM);
  return (history[history.length - 1]?.data.keyStoreId as string | undefined) ?? null;
}

async function record(events: EventStore, keyStoreId: string): Promise<void> {
  const metadata = { actorId: 'system', unitId: null, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() };
  await events.append(KEY_STORE_STREAM, [{ id: randomUUID(), type: 'PersonalDataKeyStoreCreated', schemaVersion: 1, data: { keyStoreId }, metadata }], 'any');
}

/** Whether any case in the log holds a reporter sealed under a key: then a key store must exist. */
async function holdsSealedReporters(events: EventStore): Promise<boolean> {
  for await (const page of logPages(events, { categories: ['reflection'] })) {
    if (page.some((event) => (event.type === 'ReflectionReceived' || event.type === 'ReflectionImported') && isSealed(event.data.reporter))) return true;
  }
  return false;
}

/** The key store in its place when it is not there: nothing is kept or read until the right one is restored. */
class MissingKeyStore implements PersonalDataKeyStore {
  private refuse(): Promise<never> {
    return Promise.reject(new StoreDamagedError(['personalDataKeys']));
  }

  put(): Promise<void> {
    return this.refuse();
  }

  get(): Promise<Buffer | null> {
    return this.refuse();
  }

  erase(): Promise<void> {
    return this.refuse();
  }

  all(): Promise<PersonalDataKey[]> {
    return this.refuse();
  }

  async identity(): Promise<string | null> {
    return null;
  }

  adopt(): Promise<void> {
    return this.refuse();
  }

  async close(): Promise<void> {}
}

/**
 * What is wrong between the log and its key store, or nothing: the file missing where the log has one (or holds
 * cases), or a key store other than the one the log names (a new, empty one made beside an existing log).
 */
async function keyStoreProblems(events: EventStore, keys: PersonalDataKeyStore, file: string | null): Promise<string[]> {
  if (file !== null && !existsSync(file)) return [`${STORE_FILES.personalDataKeys} is missing from the data directory, which holds the reporters' sealed data`];
  const [recorded, own] = await Promise.all([recordedIdentity(events), keys.identity()]);
  if (recorded !== null && own !== recorded) return [`the key store is not the one this log was recorded with (the log names ${recorded}, the store is ${own ?? 'new'})`];
  return [];
}

/**
 * Keys kept among the read models by an earlier release move into the keys' own store (the file, or MongoDB's own
 * database), each copied before it is erased there, so a move cut off is finished at the next start; the key
 * store's id moves with them. Answers how many moved.
 */
async function moveKeysOutOf(readModels: ReadModelStore, keys: PersonalDataKeyStore): Promise<number> {
  const earlier = new ReadModelPersonalDataKeyStore(readModels);
  const kept = await earlier.all();
  for (const { keyId, key, createdAt } of kept) {
    if (!(await keys.get(keyId))) await keys.put(keyId, key, createdAt);
    await earlier.erase(keyId);
  }
  const identity = await earlier.identity();
  if (identity !== null) {
    await keys.adopt(identity);
    await earlier.disown();
  }
  return kept.length;
}

/**
 * The key store the configuration names: MongoDB's own database, or the embedded file of its own. The log
 * records the key store's id when it is made, and the key store must be that one from then on: a missing or
 * replaced key store is damage (writes refused, health 503, a security event), and a new, empty one is never
 * made beside a log that holds cases. A data directory from an earlier release kept its keys among the read
 * models: they move once into the key file, and the read-model file is rewritten so that no key is left in it.
 */
export async function openPersonalDataKeyStore(settings: Settings, readModels: ReadModelStore, events: EventStore, integrity: StoreIntegrity): Promise<PersonalDataKeyStore> {
  if (settings.mongodbUri) {
    const keys = new ReadModelPersonalDataKeyStore(await openPersonalDataKeyDatabase({ ...settings, mongodbUri: settings.mongodbUri }), true);
    logMoved(await moveKeysOutOf(readModels, keys));
    return adopted(keys, events, integrity, null);
  }
  const file = join(settings.dataDir, STORE_FILES.personalDataKeys);
  const recorded = await recordedIdentity(events);
  const keptEarlier = readModels instanceof EmbeddedReadModelStore ? await new ReadModelPersonalDataKeyStore(readModels).all() : [];
  if (!existsSync(file) && keptEarlier.length === 0 && (recorded !== null || (await holdsSealedReporters(events)))) {
    await integrity.register('personalDataKeys', async () => [`${STORE_FILES.personalDataKeys} is missing from the data directory, which holds the reporters' sealed data`]);
    return new MissingKeyStore();
  }
  const keys = new SqlitePersonalDataKeyStore(file);
  // The read-model file is rewritten after a move, so that no moved key's bytes are left in it.
  if (readModels instanceof EmbeddedReadModelStore && logMoved(await moveKeysOutOf(readModels, keys)) > 0) await readModels.compact();
  return adopted(keys, events, integrity, file);
}

function logMoved(moved: number): number {
  if (moved > 0) new Logger('PersonalDataKeys').log(`Moved ${moved} personal-data key(s) from the read models into the keys' own store`);
  return moved;
}

/**
 * The key store, checked against the log from now on. One made now, or one from before key stores had ids beside a
 * log that names none, is recorded in the log.
 */
async function adopted(keys: PersonalDataKeyStore, events: EventStore, integrity: StoreIntegrity, file: string | null): Promise<PersonalDataKeyStore> {
  if ((await recordedIdentity(events)) === null) {
    const own = (await keys.identity()) ?? randomUUID();
    await keys.adopt(own);
    await record(events, own);
  }
  await integrity.register('personalDataKeys', () => keyStoreProblems(events, keys, file));
  return keys;
}
