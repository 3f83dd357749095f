import { randomBytes, scryptSync } from 'node:crypto';

/** A password hash as releases before argon2id made them (scrypt, N=2^17, r=8, p=1), to prove they still sign in and migrate. */
export function earlierScryptHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 2 ** 17 * 8 });
  return ['scrypt', 2 ** 17, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}
