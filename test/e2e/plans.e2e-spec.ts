import { binary, odtText } from '../support/odt-text';
import { aacAuditor, ADMIN, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';
import { eventually } from '../support/polling';
import { readMail, startSmtpInbox } from '../support/smtp-inbox';

/** The unit's detailed implementation plan and its visit schedule over HTTP (伍 任務編組, 柒 具體作為). */
describe('plans and visits over HTTP', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let other: UnitUsers;
  let admin: string;
  let sites: { river: string; school: string; hall: string };
  let last = '0';
  let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;

  const post = async (path: string, body: object, token = unit.tokens.officer) => {
    const response = await t.http().post(`/api/v1${path}`).set(bearer(token)).send(body);
    if (response.body.position) last = response.body.position;
    return response;
  };
  const get = (path: string, token = unit.tokens.officer) => t.http().get(`/api/v1${path}`).set('X-Min-Position', last).set(bearer(token));
  const plan = (overrides: object = {}) => ({
    title: '115年度村里廉政平臺細部實施計畫',
    validFrom: '2026-11-01',
    validTo: '2027-10-31',
    sites: [
      { siteId: sites.river, visitEveryDays: 14 },
      { siteId: sites.school, visitEveryDays: 30 },
    ],
    themes: ['river_dredging', 'local_public_works'],
    taskForce: [
      { name: 'PLN officer', role: 'ethics_officer' },
      { name: '賴村里幹事', role: 'village_officer' },
      { name: '王志工', role: 'volunteer' },
    ],
    notes: '每月彙整造訪紀錄',
    ...overrides,
  });

  beforeAll(async () => {
    smtp = await startSmtpInbox();
    t = await startTestApp(undefined, { SMTP_URL: smtp.url, MAIL_FROM: 'platform@example.gov.tw' });
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'PLN');
    other = await unitWithUsers(t, admin, 'OTH');
    const site = async (name: string) => (await post('/sites', { type: 'village_office', name, county: '臺中市', township: '北區', village: name, contact: { name: `${name}聯絡人` } })).body.id as string;
    sites = { river: await site('賴村里'), school: await site('錦村里'), hall: await site('頂厝里') };
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('drafts a plan with its sites, themes and task force, revises the draft, and refuses what is not the unit’s', async () => {
    const drafted = await post('/plans', plan());
    expect(drafted.status).toBe(201);
    const id = drafted.body.id;
    expect((await post(`/plans/${id}/revise`, plan({ notes: '每月彙整造訪紀錄，每季陳報' }))).status).toBe(200);
    expect((await get(`/plans/${id}`).expect(200)).body).toMatchObject({ id, state: 'draft', revisions: 1, notes: '每月彙整造訪紀錄，每季陳報', taskForce: [expect.objectContaining({ role: 'ethics_officer' }), expect.anything(), expect.anything()] });
    const foreign = await post('/plans', plan(), other.tokens.officer);
    expect(foreign.body).toMatchObject({ error: 'SITE_NOT_FOUND', details: [{ field: 'sites[0].siteId' }] });
    await get(`/plans/${id}`, other.tokens.officer).expect(404);
    expect((await post(`/plans/${id}/revise`, plan(), other.tokens.officer)).status).toBe(404);
    expect((await post('/plans', plan({ validTo: '2026-10-01' }))).body.details[0].field).toBe('validTo');
    expect((await post('/plans', plan({ taskForce: [{ name: 'x', role: 'mayor' }] }))).body.details[0].field).toBe('taskForce.0.role');
    expect((await post('/plans', plan(), unit.tokens.volunteer)).status).toBe(403);
    await t.http().post(`/api/v1/plans/${id}/approve`).set(bearer(admin)).send({}).expect(403);
  });

  it('puts a plan in force only by the head, or from the head’s signed paper; a new one supersedes it', async () => {
    const first = (await post('/plans', plan())).body.id;
    expect((await post(`/plans/${first}/approve`, {}, unit.tokens.supervisor)).body.error).toBe('HEAD_DECISION_NEEDS_DOCUMENT');
    expect((await post(`/plans/${first}/approve`, {}, unit.tokens.head)).status).toBe(200);
    expect((await get(`/plans/${first}`).expect(200)).body).toMatchObject({ state: 'in_force', approval: { approvedOn: '2026-11-27', onBehalf: null } });
    expect((await post(`/plans/${first}/revise`, plan())).body.error).toBe('PLAN_NOT_DRAFT');

    const second = (await post('/plans', plan({ title: '115年度計畫（修正）', sites: [{ siteId: sites.river, visitEveryDays: 14 }, { siteId: sites.hall, visitEveryDays: 60 }] }))).body.id;
    const signedBeforeDraft = await post(`/plans/${second}/approve`, { documentNo: '中市政字第1150200號', decidedOn: '2026-11-26' }, unit.tokens.supervisor);
    expect([signedBeforeDraft.status, signedBeforeDraft.body.error]).toEqual([400, 'DECIDED_BEFORE_REQUEST']);
    const paper = { documentNo: '中市政字第1150200號', decidedOn: '2026-11-27' };
    expect((await post(`/plans/${second}/approve`, paper, unit.tokens.supervisor)).status).toBe(200);
    const superseded = await eventually(async () => {
      const read = (await get(`/plans/${first}`).expect(200)).body;
      return read.state === 'superseded' ? read : undefined;
    }, 'the first plan superseded');
    expect(superseded.supersededBy).toBe(second);
    expect((await get(`/plans/${second}`).expect(200)).body).toMatchObject({ state: 'in_force', approval: { approvedOn: '2026-11-27', onBehalf: paper } });
    const printed = await odtText((await get(`/plans/${second}/export?format=odt`).buffer(true).parse(binary).expect(200)).body);
    for (const text of ['PLN政風室115年度計畫（修正）', '實施期間：115年11月1日至116年10月31日', '賴村里（臺中市北區賴村里）', '賴村里聯絡人', '每14日', '每60日', '互動主題：河川疏濬、地方工程', '賴村里幹事（村里幹事）', '機關首長核定：115年11月27日（中市政字第1150200號，首長紙本核定，由政風單位登錄）']) {
      expect(printed).toContain(text);
    }
    const pdf = await get(`/plans/${second}/export?format=pdf`).buffer(true).parse(binary).expect(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    const listed = (await get('/plans').expect(200)).body.items.map((p: { id: string; state: string }) => [p.id, p.state]);
    expect(listed).toEqual(expect.arrayContaining([[first, 'superseded'], [second, 'in_force']]));
  });

  it('schedules each site of the plan in force: last visit, next due on a working day, overdue first; a visit moves it', async () => {
    const schedule = async () => (await get('/outreach/schedule').expect(200)).body;
    const before = await schedule();
    expect(before.plan.title).toBe('115年度計畫（修正）');
    // 11/1 + 14 days is Sunday 11/15: due Monday 11/16, overdue on 11/27; 11/1 + 60 days is 12/31.
    expect(before.items.map((i: { siteName: string; nextDueOn: string; overdue: boolean; lastVisitOn: string | null }) => [i.siteName, i.lastVisitOn, i.nextDueOn, i.overdue])).toEqual([
      ['賴村里', null, '2026-11-16', true],
      ['頂厝里', null, '2026-12-31', false],
    ]);
    expect(before.items[0]).toMatchObject({ contactName: '賴村里聯絡人', visitEveryDays: 14, visitsHeld: 0, visitsPlanned: 1 });
    expect(before.items.map((i: { siteId: string }) => i.siteId)).not.toContain(sites.school);

    await post('/outreach', { method: 'courtesy_visit', heldOn: '2026-11-20', siteId: sites.river, participants: 5 });
    const after = await schedule();
    expect(after.items[0]).toMatchObject({ siteName: '賴村里', lastVisitOn: '2026-11-20', nextDueOn: '2026-12-04', overdue: false, visitsHeld: 1 });
    expect(after.items[1]).toMatchObject({ siteName: '頂厝里', overdue: false });
  });

  it('reminds the officers of a visit due, once per stage, and escalates when it is past', async () => {
    t.clock.set('2026-12-02T02:00:00Z'); // two working days before 賴村里's visit due on 12/04
    try {
      const inbox = await eventually(async () => {
        const items = (await get('/notifications').expect(200)).body.items.filter((n: { party: string; dueOn: string }) => n.party === '賴村里' && n.dueOn === '2026-12-04');
        return items.length > 0 ? items : undefined;
      }, 'the visit reminder in the officer’s inbox');
      expect(inbox[0]).toMatchObject({ kind: 'site_visit', party: '賴村里', stage: 'before_due', dueOn: '2026-12-04', reflectionId: null, planId: expect.any(String) });
      t.clock.set('2026-12-04T02:00:00Z'); // its due date
      await eventually(async () => {
        const items = (await get('/notifications').expect(200)).body.items.filter((n: { party: string; stage: string; dueOn: string }) => n.party === '賴村里' && n.dueOn === '2026-12-04' && n.stage === 'due');
        return items.length > 0 ? items : undefined;
      }, 'the reminder on the due date');
      t.clock.set('2026-12-10T02:00:00Z'); // the day after the first escalation's (three working days after it)
      const escalated = await eventually(async () => {
        const items = (await get('/notifications', unit.tokens.supervisor).expect(200)).body.items.filter((n: { party: string; stage: string; dueOn: string }) => n.party === '賴村里' && n.dueOn === '2026-12-04' && n.stage.startsWith('escalation'));
        return items.length > 0 ? items : undefined;
      }, 'the escalation in the supervisor’s inbox');
      expect(escalated[0]).toMatchObject({ party: '賴村里', dueOn: '2026-12-04' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const officerVisits = (await get('/notifications').expect(200)).body.items.filter((n: { party: string; dueOn: string }) => n.party === '賴村里' && n.dueOn === '2026-12-04').map((n: { stage: string }) => n.stage);
      expect(officerVisits.sort()).toEqual(['before_due', 'due']);
    } finally {
      t.clock.set('2026-11-27T02:00:00Z');
    }
  });

  it('shows the AAC, per ethics unit, whether a plan is in force and how many sites are overdue', async () => {
    const auditor = await aacAuditor(t, admin, 'aac.plans');
    const overview = (await get('/plans/overview', auditor).expect(200)).body.items;
    expect(overview).toEqual([
      { unitId: other.unitId, unitName: 'OTH政風室', plan: null, sites: 0, overdueSites: 0 },
      { unitId: unit.unitId, unitName: 'PLN政風室', plan: expect.objectContaining({ title: '115年度計畫（修正）' }), sites: 2, overdueSites: 0 },
    ]);
    await get('/plans/overview').expect(403);
    expect((await get(`/outreach/schedule?unitId=${unit.unitId}`, auditor).expect(200)).body.items).toHaveLength(2);
    expect((await get('/outreach/schedule', auditor).expect(400)).body.error).toBe('UNIT_REQUIRED');
  });

  it('sends one summary of the visits already due when a plan with a start in the past comes into force, and numbers escalations from that day', async () => {
    type Notice = { stage: string; planId: string | null; party: string | null; dueOn: string; visits?: { siteName: string; dueOn: string }[] };
    const late = await unitWithUsers(t, admin, 'LAT');
    const site = async (name: string) => (await post('/sites', { type: 'village_office', name, county: '臺中市', township: '西區', village: name, contact: { name: `${name}聯絡人` } }, late.tokens.officer)).body.id as string;
    const [west, east, far] = [await site('公館里'), await site('民生里'), await site('忠明里')];
    const planId = (await post('/plans', plan({ validFrom: '2026-08-03', sites: [{ siteId: west, visitEveryDays: 14 }, { siteId: east, visitEveryDays: 30 }, { siteId: far, visitEveryDays: 365 }] }), late.tokens.officer)).body.id;
    expect((await post(`/plans/${planId}/approve`, {}, late.tokens.head)).status).toBe(200); // on 2026-11-27, four months in
    const ofPlan = async (token: string) => (await get('/notifications', token).expect(200)).body.items.filter((n: Notice) => n.planId === planId) as Notice[];
    const summary = await eventually(async () => {
      const items = await ofPlan(late.tokens.officer);
      return items.length > 0 ? items : undefined;
    }, 'the summary in the officer’s inbox');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // One notice naming both sites due since August and September, not an escalation per site numbered from then.
    expect(await ofPlan(late.tokens.officer)).toEqual([expect.objectContaining({ stage: 'overdue_at_approval', party: null, dueOn: '2026-08-17', visits: [expect.objectContaining({ siteName: '公館里', dueOn: '2026-08-17' }), expect.objectContaining({ siteName: '民生里', dueOn: '2026-09-02' })] })]);
    expect(summary).toHaveLength(1);
    expect(await ofPlan(late.tokens.supervisor)).toEqual([]);
    const latest = () => smtp.mails.filter((m) => m.to.some((to) => to.startsWith('lat.'))).map((m) => readMail(m.raw));
    await eventually(async () => (latest().length > 0 ? true : undefined), 'the summary’s mail');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const mails = latest();
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('村里廉政平臺追蹤提醒：計畫核定前已屆期之造訪（2處）');
    expect(mails[0].text).toContain('・公館里：應於民國115年8月17日造訪\n・民生里：應於民國115年9月2日造訪');
    t.clock.set('2026-12-03T02:00:00Z'); // three working days after the plan came into force: the first escalation
    try {
      const escalations = await eventually(async () => {
        const items = (await ofPlan(late.tokens.supervisor)).filter((n) => n.stage.startsWith('escalation'));
        return items.length === 2 ? items : undefined;
      }, 'the escalations in the supervisor’s inbox');
      expect(escalations.map((n) => [n.party, n.dueOn, n.stage]).sort()).toEqual([
        ['公館里', '2026-08-17', 'escalation_1'],
        ['民生里', '2026-09-02', 'escalation_1'],
      ]);
    } finally {
      t.clock.set('2026-11-27T02:00:00Z');
    }
  });
});
