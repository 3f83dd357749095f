import { randomUUID } from 'node:crypto';
import { aacAuditor, ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

interface Route {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
}

/** Every route of the running app that names a resource by id, read off Express's router. */
function routesWithIds(t: TestApp): Route[] {
  const router = (t.app.getHttpAdapter().getInstance() as { _router?: { stack: unknown[] }; router?: { stack: unknown[] } });
  const stack = (router.router ?? router._router)?.stack ?? [];
  return stack
    .map((layer) => (layer as { route?: { path: string; methods: Record<string, boolean> } }).route)
    .filter((route): route is { path: string; methods: Record<string, boolean> } => Boolean(route && route.path.includes(':id')))
    .flatMap((route) => Object.keys(route.methods).map((method) => ({ method: method as Route['method'], path: route.path })));
}

/** One unit's officers, supervisor, head and volunteer never reach another unit's resources, whatever the verb. */
describe('the tenant and role matrix over every route that takes an id', () => {
  let t: TestApp;
  let owner: UnitUsers;
  let stranger: UnitUsers;
  let auditor: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    owner = await unitWithUsers(t, admin, 'OWN');
    stranger = await unitWithUsers(t, admin, 'STR');
    auditor = await aacAuditor(t, admin, 'aac.matrix');
    const post = async (path: string, body: object) => (await t.http().post(`/api/v1${path}`).set(bearer(owner.tokens.officer)).send(body).expect(201)).body.id as string;
    ids.sites = await post('/sites', { type: 'village_office', name: '甲里', county: '臺中市', township: '北區' });
    ids.outreach = await post('/outreach', { method: 'courtesy_visit', heldOn: '2026-11-20', siteId: ids.sites });
    ids.promotions = await post('/promotions', { kind: 'leaflets', heldOn: '2026-11-20', description: '文宣' });
    ids.reflections = await post('/reflections', aReflection);
    ids.plans = await post('/plans', { title: '計畫', validFrom: '2026-11-01', validTo: '2027-10-31', sites: [{ siteId: ids.sites, visitEveryDays: 30 }] });
    // A matter the unit received twice: a hotspot among its own cases.
    const matter = { ...aReflection, theme: 'river_dredging', villageCode: '66000280001', summary: '大里溪河道疏濬工程延宕，雨季恐淹水' };
    ids.hotspots = await post('/reflections', matter);
    const second = (await t.http().post('/api/v1/reflections').set(bearer(owner.tokens.officer)).send({ ...matter, summary: '大里溪疏濬工程延宕多時，雨季恐淹水' }).expect(201)).body;
    await t.http().get(`/api/v1/hotspots/${ids.hotspots}`).set(bearer(owner.tokens.officer)).set('X-Min-Position', second.position).expect(200);
    ids.units = owner.unitId;
    // An import's progress, readable by the supervisor who sent it.
    ids.imports = randomUUID();
    const records = Buffer.from('受理日期,性質,需求/反映等內容概述\n115/3/4,民情需求,路燈損壞\n', 'utf8');
    await t.http().post('/api/v1/imports/records').set(bearer(owner.tokens.supervisor)).set('X-Import-Progress', ids.imports).attach('file', records, 'r.csv').expect(200);
    await t.http().get(`/api/v1/imports/records/progress/${ids.imports}`).set(bearer(owner.tokens.supervisor)).expect(200);
    ids.users = ((await t.http().get('/api/v1/users').set(bearer(owner.tokens.supervisor)).expect(200)).body.items as { id: string; username: string }[]).find((u) => u.username === 'own.officer')!.id;
  });
  afterAll(() => t.close());

  const idFor = (path: string) => {
    const kind = path.split('/').find((part) => part in ids && part !== '');
    return kind ? ids[kind] : undefined;
  };
  const call = (route: Route, token: string) => {
    const id = idFor(route.path) as string;
    const path = `${route.path.replace(':id', id)}${route.path.endsWith('/export') || route.path.endsWith('/file') ? '?format=odt' : ''}`;
    return t.http()[route.method](path).set(bearer(token)).send({});
  };

  it('knows every route with an id, and has an owned resource for each', () => {
    const routes = routesWithIds(t);
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => !r.path.includes('/notifications/') && idFor(r.path) === undefined)).toEqual([]);
  });

  // A body that does not validate is refused (400) before the resource is looked at: that too reveals nothing.
  it.each(['officer', 'supervisor', 'head', 'volunteer'] as const)('refuses another unit’s %s on every one of them: 400, 403 or 404, never 2xx or 5xx', async (who) => {
    const answers: string[] = [];
    for (const route of routesWithIds(t).filter((r) => !r.path.includes('/notifications/'))) {
      const status = (await call(route, stranger.tokens[who])).status;
      if (status !== 403 && status !== 404 && status !== 400) answers.push(`${route.method.toUpperCase()} ${route.path}: ${status}`);
    }
    expect(answers).toEqual([]);
  }, 60_000);

  it('lets the AAC read every unit’s resources and change none of them', async () => {
    const answers: string[] = [];
    for (const route of routesWithIds(t).filter((r) => !r.path.includes('/notifications/') && !r.path.includes('/users/') && !r.path.includes('/units/'))) {
      const status = (await call(route, auditor)).status;
      // Printing a receipt slip is part of intake (it needs the code just issued), not a reading: the unit's alone.
      // Studying a hotspot is the AAC's own act, not a change to a unit's: only the empty note is refused.
      // An import's progress is its sender's alone, and the AAC imports nothing.
      const expected = route.path.endsWith('/hotspots/:id/review') ? [400] : route.method === 'get' && !route.path.endsWith('/receipt') && !route.path.includes('/imports/') ? [200] : [403];
      if (!expected.includes(status)) answers.push(`${route.method.toUpperCase()} ${route.path}: ${status}`);
    }
    expect(answers).toEqual([]);
  }, 60_000);
});
