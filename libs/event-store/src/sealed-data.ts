/** Personal data as an event holds it: AES-256-GCM ciphertext under a key kept outside the event log. */
export interface SealedPersonalData {
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

export const isSealed = (value: unknown): value is SealedPersonalData =>
  typeof value === 'object' && value !== null && ['keyId', 'iv', 'tag', 'ciphertext'].every((k) => typeof (value as Record<string, unknown>)[k] === 'string');
