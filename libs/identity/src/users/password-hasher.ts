import { availableParallelism } from 'node:os';
import { scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify, type Algorithm } from '@node-rs/argon2';
import { TooManyAttemptsError } from '../auth/sign-in-throttle';

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * argon2id with RFC 9106's second recommended parameters (64 MiB, 3 passes, 4 lanes): measured beside the scrypt it
 * replaces (N=2^17, r=8: 128 MiB) in `npm run bench -- password-hashing`, it takes half the memory and a fraction of
 * the time a sign-in holds the server (docs/benchmarks.md). The parameters travel with the hash (PHC string).
 */
// Algorithm.Argon2id (2): the package's enum is a const enum, which isolated modules cannot read.
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 64 * 1024, timeCost: 3, parallelism: 4 } as const;
const maxmem = (N: number, r: number) => 256 * N * r;

/**
 * At most this many hashes at once (a core is left to answer everything else), and this many waiting: past that a
 * sign-in is refused (429) rather than queued, so a burst of sign-ins cannot hold the server's memory and threads
 * while every other request waits.
 */
export const HASHING = { atOnce: Math.max(1, availableParallelism() - 1), waiting: Math.max(2, 2 * availableParallelism()) };

class HashingGate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= HASHING.atOnce) {
      if (this.queue.length >= HASHING.waiting) throw new TooManyAttemptsError(1, 'busy');
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // The slot passes to the next waiting, or is freed.
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const gate = new HashingGate();

export function hashPassword(password: string): Promise<string> {
  return gate.run(() => argon2Hash(password, ARGON2));
}

/** Whether a stored hash was made with other parameters than today's: it is made again at the next sign-in. */
export const needsRehash = (stored: string): boolean => !stored.startsWith(`$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`);

/** Passwords verified since start, known account or not: a rise is someone guessing, and it shows in `/metrics`. */
export const passwordVerifications = { total: 0 };

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return gate.run(async () => {
    passwordVerifications.total++;
    if (stored.startsWith('$argon2')) return argon2Verify(stored, password).catch(() => false);
    // Hashes made before argon2id (scrypt$N$r$p$salt$key) still verify, and are replaced at the next sign-in.
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: maxmem(Number(n), Number(r)) });
    return timingSafeEqual(actual, expected);
  });
}
