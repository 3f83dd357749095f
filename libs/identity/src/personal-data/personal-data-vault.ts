import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { SealedPersonalData } from '@integrity/event-store';
import type { ReadModelStore } from '@integrity/read-models';


interface PersonalDataKey {
  _id: string;
  key: string;
  createdAt: string;
}


/**
 * One key per reporter. Events keep only ciphertext, so erasing a reporter (crypto-shredding) deletes the key
 * and leaves the immutable log as it is: the sealed data can never be read again.
 */
export class PersonalDataVault {
  private readonly keys;

  constructor(store: ReadModelStore) {
    this.keys = store.collection<PersonalDataKey>('personal_data_keys');
  }

  async seal(value: unknown, now: Date): Promise<SealedPersonalData> {
    const key = randomBytes(32);
    const keyId = randomUUID();
    await this.keys.insertOne({ _id: keyId, key: key.toString('base64'), createdAt: now.toISOString() });
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
  }

  /** The data in clear, or null once its key has been erased. */
  async open<T>(sealed: SealedPersonalData): Promise<T | null> {
    const stored = await this.keys.findOne({ _id: sealed.keyId });
    if (!stored) return null;
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(stored.key, 'base64'), Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const clear = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(clear.toString('utf8')) as T;
  }

  async erase(keyId: string): Promise<void> {
    await this.keys.deleteOne({ _id: keyId });
  }
}
