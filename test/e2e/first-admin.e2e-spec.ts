import { Logger } from '@nestjs/common';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/browser';
import { bearer, listening, startTestApp } from '../support/test-app';

/** The first administrator's password, when nobody chose one: in an owner-only file, never in a log, changed at first sign-in. */
describe('the first administrator', () => {
  it('gets a password in a file only its owner reads, must change it before anything else, on screen too', async () => {
    const logged: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void logged.push(String(message)));
    const t = await startTestApp(undefined, { ADMIN_PASSWORD: '' });
    spy.mockRestore();
    const browser = await launchChromium();
    try {
      const file = join(t.dataDir, 'admin-password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(logged.filter((line) => line.includes(password))).toEqual([]);
      expect(logged.some((line) => line.includes(file) && line.includes('must be changed'))).toBe(true);

      const token = (await t.http().post('/api/v1/auth/token').send({ username: 'admin', password }).expect(200)).body.accessToken;
      expect((await t.http().get('/api/v1/units').set(bearer(token)).expect(403)).body.error).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200)).body.mustChangePassword).toBe(true);

      const base = await listening(t);
      const page = await browser.newPage();
      await page.goto(base);
      await page.getByLabel('帳號').fill('admin');
      await page.getByLabel('密碼').fill(password);
      await page.getByRole('button', { name: '登入' }).click();
      await page.getByRole('heading', { name: '請先變更初始密碼' }).waitFor();
      await page.getByLabel('目前密碼').fill(password);
      await page.getByLabel('新密碼').fill('I-am-the-Admin-2026');
      await page.getByRole('button', { name: '變更密碼' }).click();
      await page.getByText('新密碼不得包含帳號。').waitFor();
      expect(await page.getByLabel('新密碼').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('新密碼').fill('the-operator-chose-this');
      await page.getByRole('button', { name: '變更密碼' }).click();
      await page.getByRole('button', { name: '登入' }).waitFor();
      await page.getByLabel('帳號').fill('admin');
      await page.getByLabel('密碼').fill('the-operator-chose-this');
      await page.getByRole('button', { name: '登入' }).click();
      await page.getByRole('heading', { name: '系統管理' }).waitFor();
      expect(existsSync(file)).toBe(false);
      await t.http().get('/api/v1/units').set(bearer(token)).expect(401);
    } finally {
      await browser.close();
      await t.close();
    }
  }, 120_000);

  it('takes a password the operator chose (ADMIN_PASSWORD) as given, with no file and nothing to change', async () => {
    const t = await startTestApp();
    try {
      expect(existsSync(join(t.dataDir, 'admin-password'))).toBe(false);
      const token = (await t.http().post('/api/v1/auth/token').send({ username: 'admin', password: 'admin-password-for-tests' }).expect(200)).body.accessToken;
      await t.http().get('/api/v1/units').set(bearer(token)).expect(200);
    } finally {
      await t.close();
    }
  });
});
