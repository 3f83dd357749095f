import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import type { SealedPersonalData } from '@integrity/event-store';
import type { PersonalDataKeyStore } from './personal-data-key-store';

/**
 * One key per reporter. Events keep only ciphertext, so erasing a reporter (crypto-shredding) deletes the key
 * and leaves the immutable log as it is: the sealed data can never be read again.
 */
export class PersonalDataVault {
  constructor(private readonly keys: PersonalDataKeyStore) {}

  async seal(value: unknown, now: Date): Promise<SealedPersonalData> {
    const key = randomBytes(32);
    const keyId = randomUUID();
    await this.keys.put(keyId, key, now);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
  }

  /** The data in clear, or null once its key has been erased. */
  async open<T>(sealed: SealedPersonalData): Promise<T | null> {
    const key = await this.keys.get(sealed.keyId);
    if (!key) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const clear = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(clear.toString('utf8')) as T;
  }

  async erase(keyId: string): Promise<void> {
    await this.keys.erase(keyId);
  }
}
