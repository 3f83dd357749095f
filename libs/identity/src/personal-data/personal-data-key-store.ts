/**
 * Where the reporters' keys live, apart from everything else: erasing a key (crypto-shredding) must leave no byte
 * of it in any file, and a backup of the event log or the read models holds none. The embedded default keeps them
 * in a SQLite file of their own (`sqlite-personal-data-key-store.ts`); with MongoDB, in a collection of their own.
 */
export interface PersonalDataKey {
  keyId: string;
  key: Buffer;
  createdAt: Date;
}

export interface PersonalDataKeyStore {
  put(keyId: string, key: Buffer, createdAt: Date): Promise<void>;
  get(keyId: string): Promise<Buffer | null>;
  /** Gone for good: on the embedded store, no byte of the key remains in any file of DATA_DIR. */
  erase(keyId: string): Promise<void>;
  /** Every key kept, for moving them to another store (erased ones are gone). */
  all(): Promise<PersonalDataKey[]>;
  /** The id this key store was given when it was made (the log records it); null for one made before ids. */
  identity(): Promise<string | null>;
  /** Gives the key store its id, once. */
  adopt(id: string): Promise<void>;
  close(): Promise<void>;
}

export const PERSONAL_DATA_KEY_STORE = Symbol('PERSONAL_DATA_KEY_STORE');
