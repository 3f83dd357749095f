import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Bytes sealed with the user's device key (AES-GCM): what a queued command or a draft holds, never in clear. */
export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** A command typed while the server could not be reached, sent once the connection is back. */
export interface OutboxItem {
  /** Also the request's Idempotency-Key: sent twice, it is carried out once. */
  id: string;
  userId: string;
  /** What it is, in words (登錄反映, 新增外展活動), and the form and screen it was typed on. */
  title: string;
  form: string;
  route: string;
  path: string;
  createdAt: string;
  state: 'waiting' | 'refused';
  /** The request's body and the form's values, sealed. */
  sealed: Sealed;
  /** Why the server refused it, in its words (zh-TW), once it was sent. */
  refusal?: string;
}

interface Draft {
  /** `<userId>/<form>` */
  id: string;
  userId: string;
  sealed: Sealed;
  savedAt: string;
}

interface DeviceSchema extends DBSchema {
  keys: { key: string; value: { userId: string; key: CryptoKey } };
  outbox: { key: string; value: OutboxItem; indexes: { byUser: string } };
  drafts: { key: string; value: Draft; indexes: { byUser: string } };
  /** The signed-in user's own profile and the unit's sites, to open the forms without a connection. */
  cache: { key: string; value: { id: string; value: unknown } };
}

let opened: Promise<IDBPDatabase<DeviceSchema>> | null = null;

function db(): Promise<IDBPDatabase<DeviceSchema>> {
  opened ??= openDB<DeviceSchema>('integrity-platform-device', 1, {
    upgrade(database) {
      database.createObjectStore('keys', { keyPath: 'userId' });
      database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byUser', 'userId');
      database.createObjectStore('drafts', { keyPath: 'id' }).createIndex('byUser', 'userId');
      database.createObjectStore('cache', { keyPath: 'id' });
    },
  });
  return opened;
}

/**
 * The user's key on this device: AES-GCM, made here and non-extractable, so its bytes never leave the browser (it
 * is stored as a key object the page can use, not read). Destroyed at sign-out with everything it sealed.
 */
async function deviceKey(userId: string): Promise<CryptoKey> {
  const store = await db();
  const kept = await store.get('keys', userId);
  if (kept) return kept.key;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await store.put('keys', { userId, key });
  return key;
}

export async function seal(userId: string, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await deviceKey(userId), new TextEncoder().encode(JSON.stringify(value)));
  return { iv, data };
}

export async function unseal<T>(userId: string, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, await deviceKey(userId), sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

/** Told whenever the outbox changes, so every count on screen follows it. */
const OUTBOX_CHANGED = 'integrity-outbox-changed';
export const onOutboxChanged = (listener: () => void): (() => void) => {
  window.addEventListener(OUTBOX_CHANGED, listener);
  return () => window.removeEventListener(OUTBOX_CHANGED, listener);
};
const outboxChanged = () => window.dispatchEvent(new Event(OUTBOX_CHANGED));

export const outbox = {
  async add(item: OutboxItem): Promise<void> {
    await (await db()).put('outbox', item);
    outboxChanged();
  },
  /** The user's items, oldest first: they are sent in the order they were typed. */
  async of(userId: string): Promise<OutboxItem[]> {
    const items = await (await db()).getAllFromIndex('outbox', 'byUser', userId);
    return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  },
  async refuse(item: OutboxItem, refusal: string): Promise<void> {
    await (await db()).put('outbox', { ...item, state: 'refused', refusal });
    outboxChanged();
  },
  async remove(id: string): Promise<void> {
    await (await db()).delete('outbox', id);
    outboxChanged();
  },
};

export const drafts = {
  async save(userId: string, form: string, values: unknown): Promise<void> {
    await (await db()).put('drafts', { id: `${userId}/${form}`, userId, sealed: await seal(userId, values), savedAt: new Date().toISOString() });
  },
  async load<T>(userId: string, form: string): Promise<T | null> {
    const draft = await (await db()).get('drafts', `${userId}/${form}`);
    return draft ? unseal<T>(userId, draft.sealed).catch(() => null) : null;
  },
  async clear(userId: string, form: string): Promise<void> {
    await (await db()).delete('drafts', `${userId}/${form}`);
  },
};

export const deviceCache = {
  async put(id: string, value: unknown): Promise<void> {
    await (await db()).put('cache', { id, value });
  },
  async get<T>(id: string): Promise<T | null> {
    return ((await (await db()).get('cache', id))?.value as T | undefined) ?? null;
  },
};

/** At sign-out: the user's key, drafts and queued commands, and the cached profile, gone from this device. */
export async function forgetUser(userId: string): Promise<void> {
  const store = await db();
  const transaction = store.transaction(['keys', 'outbox', 'drafts', 'cache'], 'readwrite');
  await transaction.objectStore('keys').delete(userId);
  for (const name of ['outbox', 'drafts'] as const) {
    for (const key of await transaction.objectStore(name).index('byUser').getAllKeys(userId)) await transaction.objectStore(name).delete(key);
  }
  await transaction.objectStore('cache').clear();
  await transaction.done;
  outboxChanged();
}

/** A unit's platform site, as the forms list it: name and place only (the contact stays on the server). */
export interface SiteChoice {
  id: string;
  name: string;
  county: string;
  township: string;
  village: string | null;
}

/**
 * The unit's sites, kept on the device at each read, so the forms that name a site work offline too. `read` reads
 * them from the server; when that cannot connect, the kept list answers (and its error is thrown when none is kept).
 */
export async function sitesKept(userId: string, read: () => Promise<SiteChoice[]>, offline: (error: unknown) => boolean): Promise<SiteChoice[]> {
  const id = `sites/${userId}`;
  try {
    const sites = (await read()).map(({ id: siteId, name, county, township, village }) => ({ id: siteId, name, county, township, village }));
    await deviceCache.put(id, sites).catch(() => undefined);
    return sites;
  } catch (error) {
    const kept = offline(error) ? await deviceCache.get<SiteChoice[]>(id).catch(() => null) : null;
    if (kept) return kept;
    throw error;
  }
}
