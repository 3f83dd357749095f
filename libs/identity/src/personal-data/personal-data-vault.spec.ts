import { join } from 'node:path';
import { tempDir } from '../../../../test/support/temp-dir';
import { PersonalDataVault } from './personal-data-vault';
import { SqlitePersonalDataKeyStore } from './sqlite-personal-data-key-store';

describe('personal data vault', () => {
  const dir = tempDir('vault');
  const store = new SqlitePersonalDataKeyStore(join(dir.path, 'keys.sqlite'));
  const vault = new PersonalDataVault(store);
  const now = new Date('2026-11-27T02:00:00Z');
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it('seals so the ciphertext shows nothing, opens with its key, and can never open once the key is erased', async () => {
    const reporter = { name: '王小明', phone: '0912345678' };
    const sealed = await vault.seal(reporter, now);
    expect(JSON.stringify(sealed)).not.toContain('王小明');
    expect(JSON.stringify(sealed)).not.toContain('0912345678');
    expect(await vault.open(sealed)).toEqual(reporter);
    await vault.erase(sealed.keyId);
    expect(await vault.open(sealed)).toBeNull();
  });

  it('uses a key per sealing and refuses tampered ciphertext', async () => {
    const a = await vault.seal({ name: 'A' }, now);
    const b = await vault.seal({ name: 'A' }, now);
    expect(a.keyId).not.toBe(b.keyId);
    const tampered = { ...a, ciphertext: Buffer.from('{"name":"B"}').toString('base64') };
    await expect(vault.open(tampered)).rejects.toThrow();
  });

  it('puts keys of the same tick in one transaction: each answers once on disk, and a refused key fails alone', async () => {
    const file = join(dir.path, 'grouped.sqlite');
    const keys = new SqlitePersonalDataKeyStore(file);
    const puts = Array.from({ length: 50 }, (_, i) => keys.put(`key-${i}`, Buffer.alloc(32, i), now));
    const refused = keys.put('key-7', Buffer.alloc(32, 99), now);
    await Promise.all(puts);
    // better-sqlite3's error class belongs to the first test file that loaded it: its message is checked, not its class.
    await expect(refused).rejects.toHaveProperty('message', expect.stringContaining('UNIQUE'));
    await keys.close();
    const reopened = new SqlitePersonalDataKeyStore(file);
    for (let i = 0; i < 50; i++) expect(await reopened.get(`key-${i}`)).toEqual(Buffer.alloc(32, i));
    await reopened.close();
  });
});
