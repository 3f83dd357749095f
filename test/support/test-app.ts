import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';
import { tempDir } from './temp-dir';
import { TestClock } from './test-clock';

export const ADMIN = { username: 'admin', password: 'admin-password-for-tests' };

export interface TestApp {
  app: INestApplication;
  clock: TestClock;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** The real application, on a fresh DATA_DIR and a movable clock (Taipei morning of 2026-11-27). */
export async function startTestApp(dataDir?: string, env: Record<string, string> = {}): Promise<TestApp> {
  const dir = dataDir ? { path: dataDir, remove: () => undefined } : tempDir('e2e');
  const clock = new TestClock(new Date('2026-11-27T02:00:00Z'));
  const app = await createApp(
    { env: { DATA_DIR: dir.path, ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, REDIS_URL: '', ...env }, clock },
    { logger: false, withWorker: true },
  );
  await app.init();
  return {
    app,
    clock,
    dataDir: dir.path,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      dir.remove();
    },
  };
}

/** The app listening on a free port of this machine, for a browser or a raw socket: answers its base URL. */
export async function listening(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
}

export async function tokenFor(t: TestApp, username: string, password: string): Promise<string> {
  const response = await t.http().post('/api/v1/auth/token').send({ username, password }).expect(200);
  return response.body.accessToken as string;
}

/** The fixtures' passwords: 'tpe.officer' signs in with 'tpe-officer-password', which does not contain the username. */
export const passwordOf = (username: string) => `${username.replace(/\./g, '-')}-password`;

export interface UnitUsers {
  unitId: string;
  tokens: Record<'officer' | 'supervisor' | 'head' | 'volunteer', string>;
}

/** A unit with an ethics officer, a supervisor, the agency head and a volunteer, each signed in. */
export async function unitWithUsers(t: TestApp, adminToken: string, code: string): Promise<UnitUsers> {
  const auth = { Authorization: `Bearer ${adminToken}` };
  const unit = await t.http().post('/api/v1/units').set(auth).send({ code, name: `${code}政風室`, agencyName: `${code}政府` }).expect(201);
  const unitId = unit.body.id as string;
  const roles = { officer: 'ethics_officer', supervisor: 'supervisor', head: 'agency_head', volunteer: 'volunteer' } as const;
  const tokens = {} as UnitUsers['tokens'];
  for (const [who, role] of Object.entries(roles) as [keyof typeof roles, string][]) {
    const username = `${code.toLowerCase()}.${who}`;
    const password = passwordOf(username);
    const email = `${username}@example.gov.tw`;
    await t.http().post('/api/v1/users').set(auth).send({ username, password, displayName: `${code} ${who}`, email, unitId, roles: [role] }).expect(201);
    tokens[who] = await tokenFor(t, username, password);
  }
  return { unitId, tokens };
}

/** The AAC (a unit of kind aac) with one auditor, signed in; answers the auditor's token. */
export async function aacAuditor(t: TestApp, adminToken: string, username: string): Promise<string> {
  const auth = { Authorization: `Bearer ${adminToken}` };
  const aac = await t.http().post('/api/v1/units').set(auth).send({ code: `AAC-${username.replace(/\W/g, '')}`, name: '法務部廉政署', agencyName: '法務部', kind: 'aac' }).expect(201);
  const password = `${username.replace(/\./g, '-')}-auditor-password`;
  await t.http().post('/api/v1/users').set(auth).send({ username, password, displayName: '廉政署稽核', unitId: aac.body.id, roles: ['aac_auditor'] }).expect(201);
  return tokenFor(t, username, password);
}

/**
 * The own agency's path (玖.一) walked for a reflection, so it may close: routed to 工務課, answered, reported to
 * the head, approved by the head. Answers the last command's position.
 */
export async function handledByOwnAgency(t: TestApp, reflectionId: string, tokens: UnitUsers['tokens']): Promise<string> {
  const steps: [string, object, string][] = [
    ['route', { departments: ['工務課'] }, tokens.officer],
    ['department-responses', { department: '工務課', response: '已派員處理' }, tokens.officer],
    ['report-to-head', { note: '陳報首長' }, tokens.officer],
    ['head-decisions', { subject: 'report', decision: 'approved' }, tokens.head],
  ];
  let position = '';
  for (const [verb, body, token] of steps) {
    position = (await t.http().post(`/api/v1/reflections/${reflectionId}/${verb}`).set(bearer(token)).send(body).expect(200)).body.position;
  }
  return position;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export const aReflection = {
  nature: 'public_need',
  category: 'public_facilities',
  summary: '河川疏濬延宕，雨季恐淹水',
  receivedOn: '2026-11-26',
  reporter: { name: '王小明', occupation: '農', phone: '0912-345-678', address: '臺中市北區中華路1號' },
  theme: 'river_dredging',
  handlingOpinion: '簽會工務課處理',
};
