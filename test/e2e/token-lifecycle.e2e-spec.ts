import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

/** A token signed with the app's own secret, with whatever claims a forger chooses. */
function forged(dataDir: string, claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** Tokens that can be taken back: deactivation, new roles, a new password, sign-out; none without expiry or user. */
describe('the token lifecycle', () => {
  let t: TestApp;
  let admin: string;
  let unit: UnitUsers;
  const cases = (token: string) => t.http().get('/api/v1/reflections').set(bearer(token));
  const userId = async (username: string) =>
    ((await t.http().get('/api/v1/users').set(bearer(admin)).expect(200)).body.items as { id: string; username: string }[]).find((u) => u.username === username)!.id;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'TOK');
  });
  afterAll(() => t.close());

  it('refuses a token without expiry, or for a user that does not exist, even when correctly signed', async () => {
    const id = await userId('tok.officer');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: id, username: 'tok.officer', unitId: unit.unitId, roles: ['ethics_officer'], ver: 0, jti: randomUUID(), iat: now };
    await cases(forged(t.dataDir, { ...claims, exp: now + 600 })).expect(200);
    expect((await cases(forged(t.dataDir, claims)).expect(401)).body.error).toBe('INVALID_TOKEN');
    await cases(forged(t.dataDir, { ...claims, exp: now + 600, sub: randomUUID() })).expect(401);
    await cases(forged(t.dataDir, { ...claims, exp: now + 600, roles: ['admin'], ver: 7 })).expect(401);
  });

  it('keeps usernames unique whatever their case: TOK.Officer cannot stand beside tok.officer', async () => {
    const clash = await t.http().post('/api/v1/users').set(bearer(admin)).send({ username: 'TOK.Officer', password: 'another-long-password', displayName: 'x', unitId: unit.unitId, roles: ['ethics_officer'] }).expect(409);
    expect(clash.body).toMatchObject({ error: 'USERNAME_TAKEN', details: [{ field: 'username', reason: expect.any(String) }] });
  });

  it('signs out the one token, leaving the user’s other sessions', async () => {
    const first = await tokenFor(t, 'tok.officer', 'tok-officer-password');
    const second = await tokenFor(t, 'tok.officer', 'tok-officer-password');
    await t.http().post('/api/v1/auth/logout').set(bearer(first)).expect(204);
    await cases(first).expect(401);
    await cases(second).expect(200);
  });

  it('deactivates a user: earlier tokens stop working and sign-in fails; the list says so', async () => {
    const token = await tokenFor(t, 'tok.volunteer', 'tok-volunteer-password');
    const id = await userId('tok.volunteer');
    await t.http().post(`/api/v1/users/${id}/deactivate`).set(bearer(unit.tokens.officer)).expect(403);
    await t.http().post(`/api/v1/users/${id}/deactivate`).set(bearer(unit.tokens.supervisor)).expect(200);
    await cases(token).expect(401);
    await t.http().post('/api/v1/auth/token').send({ username: 'tok.volunteer', password: 'tok-volunteer-password' }).expect(401);
    const listed = (await t.http().get('/api/v1/users').set(bearer(unit.tokens.supervisor)).expect(200)).body.items;
    expect(listed.find((u: { id: string }) => u.id === id)).toMatchObject({ active: false });
    expect(listed.find((u: { username: string }) => u.username === 'tok.officer')).toMatchObject({ active: true });
    expect(JSON.stringify(listed)).not.toMatch(/passwordHash|tokenVersion/);
  });

  it('reactivates a deactivated user, who signs in again with the password they had; nobody reactivates an active one', async () => {
    const id = await userId('tok.volunteer');
    await t.http().post(`/api/v1/users/${id}/reactivate`).set(bearer(unit.tokens.officer)).expect(403);
    await t.http().post(`/api/v1/users/${id}/reactivate`).set(bearer(unit.tokens.supervisor)).expect(200);
    await tokenFor(t, 'tok.volunteer', 'tok-volunteer-password');
    const again = await t.http().post(`/api/v1/users/${id}/reactivate`).set(bearer(admin)).set('Accept-Language', 'zh-TW').expect(409);
    expect(again.body).toMatchObject({ error: 'USER_ACTIVE', message: '此使用者仍在使用中，不需恢復。' });
    const types = (await t.http().get('/api/v1/security-events?type=user_reactivated').set(bearer(admin)).expect(200)).body.items.map((e: { subject: string }) => e.subject);
    expect(types).toContain(id);
  });

  it('resets a password to a temporary one, answered once: the old password and earlier tokens stop working, and the new one must be changed first', async () => {
    const token = await tokenFor(t, 'tok.volunteer', 'tok-volunteer-password');
    const id = await userId('tok.volunteer');
    const headId = await userId('tok.head');
    expect((await t.http().post(`/api/v1/users/${headId}/reset-password`).set(bearer(unit.tokens.supervisor)).expect(403)).body.error).toBe('ROLE_NOT_GRANTABLE');
    expect((await t.http().post(`/api/v1/users/${await userId(ADMIN.username)}/reset-password`).set(bearer(admin)).expect(403)).body.error).toBe('SELF_CHANGE_FORBIDDEN');
    const reset = await t.http().post(`/api/v1/users/${id}/reset-password`).set(bearer(unit.tokens.supervisor)).expect(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[\w-]{24}$/);
    await cases(token).expect(401);
    await t.http().post('/api/v1/auth/token').send({ username: 'tok.volunteer', password: 'tok-volunteer-password' }).expect(401);
    const fresh = await tokenFor(t, 'tok.volunteer', temporary);
    expect((await cases(fresh).expect(403)).body.error).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.http().post('/api/v1/users/me/password').set(bearer(fresh)).send({ currentPassword: temporary, newPassword: 'tok-volunteer-password' }).expect(204);
    await cases(await tokenFor(t, 'tok.volunteer', 'tok-volunteer-password')).expect(200);
    const events = (await t.http().get('/api/v1/security-events?type=password_reset').set(bearer(admin)).expect(200)).body.items;
    expect(events.map((e: { subject: string }) => e.subject)).toContain(id);
    expect(JSON.stringify(events)).not.toContain(temporary);
  });

  it('changes roles: tokens with the old roles stop working; only the administrator changes a head', async () => {
    const token = await tokenFor(t, 'tok.head', 'tok-head-password');
    const id = await userId('tok.head');
    expect((await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(unit.tokens.supervisor)).send({ roles: ['admin'] }).expect(403)).body.error).toBe('ROLE_NOT_GRANTABLE');
    expect((await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(unit.tokens.supervisor)).send({ roles: ['ethics_officer'] }).expect(403)).body.error).toBe('ROLE_NOT_GRANTABLE');
    await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(admin)).send({ roles: ['ethics_officer'] }).expect(200);
    await cases(token).expect(401);
    const fresh = await tokenFor(t, 'tok.head', 'tok-head-password');
    expect((await t.http().get('/api/v1/auth/me').set(bearer(fresh)).expect(200)).body.roles).toEqual(['ethics_officer']);
    const other = await unitWithUsers(t, admin, 'TOX');
    await t.http().put(`/api/v1/users/${id}/roles`).set(bearer(other.tokens.supervisor)).send({ roles: ['volunteer'] }).expect(404);
  });

  it('changes one’s own password: the old one and earlier tokens stop working', async () => {
    const token = await tokenFor(t, 'tok.supervisor', 'tok-supervisor-password');
    const wrong = await t.http().post('/api/v1/users/me/password').set(bearer(token)).send({ currentPassword: 'not-it-at-all', newPassword: 'a-new-long-passphrase' }).expect(401);
    expect(wrong.body.details).toEqual([{ field: 'currentPassword', reason: expect.any(String) }]);
    await t.http().post('/api/v1/users/me/password').set(bearer(token)).send({ currentPassword: 'tok-supervisor-password', newPassword: 'a-new-long-passphrase' }).expect(204);
    await cases(token).expect(401);
    await t.http().post('/api/v1/auth/token').send({ username: 'tok.supervisor', password: 'tok-supervisor-password' }).expect(401);
    await tokenFor(t, 'tok.supervisor', 'a-new-long-passphrase');
  });

  it('records security events for the administrator: failed sign-ins, lockouts, role changes, deactivations, password changes, erasures', async () => {
    for (let i = 0; i < 10; i++) await t.http().post('/api/v1/auth/token').send({ username: 'tok.officer', password: `wrong-${i}` }).expect(401);
    const { id } = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ nature: 'public_need', category: 'public_facilities', summary: '路燈', receivedOn: '2026-11-26', reporter: { name: '林小姐' } }).expect(201)).body;
    const supervisor = await tokenFor(t, 'tok.supervisor', 'a-new-long-passphrase');
    await t.http().post(`/api/v1/reflections/${id}/erase-reporter`).set(bearer(supervisor)).send({ reason: '當事人請求' }).expect(200);
    const page = async (query: string) => (await t.http().get(`/api/v1/security-events?${query}`).set(bearer(admin)).expect(200)).body;
    const all = await page('limit=200');
    const types = all.items.map((e: { type: string }) => e.type);
    for (const type of ['sign_in_failed', 'account_locked', 'roles_changed', 'user_deactivated', 'password_changed', 'reporter_erased']) expect(types).toContain(type);
    expect(all.items.find((e: { type: string; detail: { from?: string[] } }) => e.type === 'roles_changed' && e.detail.from?.[0] === 'agency_head')).toMatchObject({
      detail: { from: ['agency_head'], to: ['ethics_officer'] },
      actorId: expect.any(String),
    });
    expect(all.items.find((e: { type: string }) => e.type === 'account_locked')).toMatchObject({ subject: 'tok.officer', address: expect.any(String) });
    expect(JSON.stringify(all)).not.toMatch(/林小姐|wrong-\d|passphrase|-password/);
    const first = await page('limit=3');
    const second = await page(`limit=3&cursor=${first.nextCursor}`);
    expect(second.items[0].at <= first.items[2].at).toBe(true);
    expect(second.items.map((e: { id: string }) => e.id)).not.toContain(first.items[2].id);
    expect((await page('type=reporter_erased')).items).toEqual([expect.objectContaining({ type: 'reporter_erased', subject: id })]);
    await t.http().get('/api/v1/security-events').set(bearer(unit.tokens.officer)).expect(403);
  });
});
