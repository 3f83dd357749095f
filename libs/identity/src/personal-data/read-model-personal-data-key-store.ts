import type { ReadModelStore } from '@integrity/read-models';
import type { PersonalDataKey, PersonalDataKeyStore } from './personal-data-key-store';

interface StoredKey {
  _id: string;
  key: string;
  createdAt: string;
}

/** The keys in a collection of their own (MongoDB's `personal_data_keys`): a deleted document is MongoDB's to forget. */
export class ReadModelPersonalDataKeyStore implements PersonalDataKeyStore {
  private readonly keys;
  private readonly about;

  /** `owned`: the store is the key store's alone (its own database), closed with it. */
  constructor(
    private readonly store: ReadModelStore,
    private readonly owned = false,
  ) {
    this.keys = store.collection<StoredKey>('personal_data_keys');
    this.about = store.collection<{ _id: string; id: string }>('personal_data_key_store');
  }

  async identity(): Promise<string | null> {
    return (await this.about.findOne({ _id: 'identity' }))?.id ?? null;
  }

  async adopt(id: string): Promise<void> {
    await this.about.updateOne({ _id: 'identity' }, { $setOnInsert: { id } }, { upsert: true });
  }

  async put(keyId: string, key: Buffer, createdAt: Date): Promise<void> {
    await this.keys.insertOne({ _id: keyId, key: key.toString('base64'), createdAt: createdAt.toISOString() });
  }

  async get(keyId: string): Promise<Buffer | null> {
    const stored = await this.keys.findOne({ _id: keyId });
    return stored ? Buffer.from(stored.key, 'base64') : null;
  }

  async erase(keyId: string): Promise<void> {
    await this.keys.deleteOne({ _id: keyId });
  }

  async all(): Promise<PersonalDataKey[]> {
    return (await this.keys.find({})).map((k) => ({ keyId: k._id, key: Buffer.from(k.key, 'base64'), createdAt: new Date(k.createdAt) }));
  }

  async close(): Promise<void> {
    if (this.owned) await this.store.close();
  }

  /** Forgets which key store this was (the keys moved to another database). */
  async disown(): Promise<void> {
    await this.about.drop();
  }
}
