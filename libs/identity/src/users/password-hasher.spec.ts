import { earlierScryptHash } from '../../../../test/support/scrypt-hash';
import { HASHING, hashPassword, needsRehash, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  it('hashes with argon2id (RFC 9106, second recommendation), verifies the right password only, a fresh salt each time', async () => {
    const hash = await hashPassword('正確的密碼 correct horse');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=4\$/);
    expect(await verifyPassword('正確的密碼 correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
    expect(await hashPassword('正確的密碼 correct horse')).not.toBe(hash);
    expect(needsRehash(hash)).toBe(false);
  });

  it('still verifies a scrypt hash of an earlier release, and says it is to be made again', async () => {
    const earlier = earlierScryptHash('an earlier password 2025');
    expect(await verifyPassword('an earlier password 2025', earlier)).toBe(true);
    expect(await verifyPassword('another', earlier)).toBe(false);
    expect(needsRehash(earlier)).toBe(true);
  });

  it('hashes a bounded number at once and refuses, rather than queues, past a short wait', async () => {
    const tries = HASHING.atOnce + HASHING.waiting + 5;
    const outcomes = await Promise.allSettled(Array.from({ length: tries }, () => hashPassword('correct horse battery staple')));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.length - refused.length).toBe(HASHING.atOnce + HASHING.waiting);
    expect(refused.map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(5).fill('TOO_MANY_ATTEMPTS'));
    // Once the burst is through, hashing works again.
    expect(await hashPassword('correct horse battery staple')).toMatch(/^\$argon2id/);
  });
});
