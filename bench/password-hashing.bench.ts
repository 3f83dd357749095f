import { hash as argon2Hash, type Algorithm } from '@node-rs/argon2';
import { randomBytes, scrypt } from 'node:crypto';
import { alternatingRounds, figure, median } from './figures';

const N = 2 ** 17;
const r = 8;
/** The scrypt the product used before (OWASP's N=2^17, r=8, p=1: 128 MiB a hash). */
const scryptOnce = () =>
  new Promise<void>((resolve, reject) => scrypt('correct horse battery staple', randomBytes(16), 32, { N, r, p: 1, maxmem: 256 * N * r }, (error) => (error ? reject(error) : resolve())));
/** argon2id as the product hashes now (RFC 9106's second recommendation: 64 MiB, 3 passes, 4 lanes). */
const argon2Once = () => argon2Hash('correct horse battery staple', { algorithm: 2 as Algorithm, memoryCost: 64 * 1024, timeCost: 3, parallelism: 4 }).then(() => undefined);

/** Milliseconds for one hash, and the resident memory a burst of `atOnce` adds on top of the process's. */
async function measured(once: () => Promise<void>, atOnce: number): Promise<{ ms: number; burstMs: number; addedMb: number }> {
  const started = performance.now();
  await once();
  const ms = performance.now() - started;
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const burstStarted = performance.now();
  await Promise.all(Array.from({ length: atOnce }, once));
  const burstMs = performance.now() - burstStarted;
  clearInterval(sampler);
  return { ms, burstMs, addedMb: (peak - before) / 2 ** 20 };
}

/** `npm run bench -- password-hashing`: argon2id beside the scrypt it replaced, in alternating rounds. */
export async function benchPasswordHashing(): Promise<void> {
  console.log('Password hashing: argon2id (64 MiB, t=3, p=4) beside scrypt (N=2^17, r=8), 5 alternating rounds, 4 at once');
  const results: { ms: number; burstMs: number; addedMb: number }[][] = [[], []];
  await alternatingRounds(5, [
    async () => {
      results[0].push(await measured(argon2Once, 4));
      return 0;
    },
    async () => {
      results[1].push(await measured(scryptOnce, 4));
      return 0;
    },
  ]);
  const [argon2, scryptResults] = results.map((rounds) => ({ ms: median(rounds.map((x) => x.ms)), burstMs: median(rounds.map((x) => x.burstMs)), addedMb: median(rounds.map((x) => x.addedMb)) }));
  figure('password.argon2id.ms', argon2.ms, 'ms', { baseline: scryptResults.ms });
  figure('password.argon2id.four_at_once_ms', argon2.burstMs, 'ms', { baseline: scryptResults.burstMs });
  figure('password.argon2id.four_at_once_added_mb', argon2.addedMb, 'MB', { baseline: scryptResults.addedMb });
  console.log(`  one hash: argon2id ${argon2.ms.toFixed(0)} ms, scrypt ${scryptResults.ms.toFixed(0)} ms`);
  console.log(`  four at once: argon2id ${argon2.burstMs.toFixed(0)} ms, scrypt ${scryptResults.burstMs.toFixed(0)} ms`);
  console.log(`  resident memory four at once add: argon2id ${argon2.addedMb.toFixed(0)} MB, scrypt ${scryptResults.addedMb.toFixed(0)} MB`);
}
