import { normalizeReceiptCode } from '@integrity/domain';
import { StatusLookup } from '@integrity/reflections';
import { aacAuditor, ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';
import { binary } from '../support/odt-text';
import { eventually } from '../support/polling';

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

/** A well-formed receipt code that no case holds (9 random characters, then the one check that fits). */
function unknownCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  for (;;) {
    const data = Array.from({ length: 9 }, () => alphabet[Math.floor(Math.random() * 32)]).join('');
    const code = [...alphabet].map((check) => data + check).find((candidate) => normalizeReceiptCode(candidate) === candidate);
    if (code) return code;
  }
}

/** The citizen's receipt and the public status page over HTTP (no sign-in), and what it never tells. */
describe('the citizen’s receipt and status page', () => {
  let t: TestApp;
  let unit: UnitUsers;
  let admin: string;
  let address = 0;
  /** Each lookup from an address of its own (TRUST_PROXY): the per-address limit is tried on purpose only. */
  const from = () => `198.51.100.${++address}`;
  /** The position of the last write: lookups read their writes. */
  let last = '0';
  const lookup = (query: Record<string, string>, ip = from()) => t.http().get('/api/v1/public/status').query(query).set('X-Forwarded-For', ip).set('X-Min-Position', last);
  const post = (path: string, body: object, token = unit.tokens.officer) =>
    t
      .http()
      .post(`/api/v1${path}`)
      .set(bearer(token))
      .send(body)
      .expect((response) => {
        if (typeof response.body?.position === 'string') last = response.body.position;
      });
  const settled = () => t.app.get(StatusLookup).settled();

  beforeAll(async () => {
    t = await startTestApp(undefined, { TRUST_PROXY: 'true' });
    admin = await tokenFor(t, ADMIN.username, ADMIN.password);
    unit = await unitWithUsers(t, admin, 'RCP');
  });
  afterAll(() => t.close());

  it('gives a citizen with a phone a code with a check character, answered once, and shows the stage and nothing else', async () => {
    const created = await post('/reflections', aReflection).expect(201);
    const code = created.body.receiptCode as string;
    expect(code).toMatch(CODE);
    expect(created.body.receiptPin).toBeUndefined();
    expect(normalizeReceiptCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code.replaceAll('-', ''));
    // One character misheard, or two neighbours swapped, is not a code.
    const misheard = code.replace(/^./, (c) => (c === '7' ? '8' : '7'));
    expect(normalizeReceiptCode(misheard)).toBeNull();
    const swapped = code[0] === code[1] ? null : `${code[1]}${code[0]}${code.slice(2)}`;
    if (swapped) expect(normalizeReceiptCode(swapped)).toBeNull();

    const received = await lookup({ code, phoneLast4: '5678' }).expect(200);
    expect(received.headers['cache-control']).toBe('no-store');
    expect(received.body).toEqual({ receivedOn: '2026-11-26', stage: 'received', stageLabel: '已受理', agency: null, letterNo: null, letterOn: null, replyDueOn: expect.any(String), extension: null, publishedResult: null });

    const id = created.body.id as string;
    await post(`/reflections/${id}/route`, { departments: ['工務課'] }).expect(200);
    await post(`/reflections/${id}/department-responses`, { department: '工務課', response: '內部簽辦意見：預算不足，明年度再議' }).expect(200);
    expect((await post(`/reflections/${id}/request-head-approval`, { agency: '經濟部水利署', note: '屬中央管河川' })).status).toBe(200);
    await post(`/reflections/${id}/head-decisions`, { subject: 'referral', decision: 'approved', agency: '經濟部水利署' }, unit.tokens.head);
    const referred = await post(`/reflections/${id}/refer`, { agency: '經濟部水利署', letterNo: '中市政字第1150001號', sentOn: '2026-11-27' });
    expect(referred.status).toBe(200);
    const status = (await eventually(async () => {
      const answer = await lookup({ code, phoneLast4: '5678' });
      return answer.body.stage === 'referred' ? answer : undefined;
    }, 'the referral on the status page')).body;
    expect(status).toMatchObject({ stage: 'referred', stageLabel: '已函請「經濟部水利署」參處', agency: '經濟部水利署', letterNo: '中市政字第1150001號', letterOn: '2026-11-27' });

    // Nothing of the case beyond what the page shows: every text of the case document, checked against the answer.
    const shown = new Set(['receivedOn', 'agency', 'letterNo', 'sentOn', 'dueOn', 'citizenReplyDueOn', 'publicSummary']);
    const texts: string[] = [];
    const walk = (value: unknown, key: string) => {
      if (typeof value === 'string' && value.length >= 2 && !shown.has(key)) texts.push(value);
      else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(v, k));
    };
    walk((await t.http().get(`/api/v1/reflections/${id}`).set(bearer(unit.tokens.supervisor)).expect(200)).body, '');
    const answer = JSON.stringify(status);
    // Dates are the page's own (received, due, the letter's), as are the agency and the letter's number it names.
    const allowed = (text: string) => /^\d{4}-\d{2}(-\d{2})?/.test(text) || /^\d{1,3}$/.test(text) || [status.agency, status.letterNo, 'received', 'referred'].includes(text);
    const leaked = texts.filter((text) => answer.includes(text) && !allowed(text));
    expect(leaked).toEqual([]);
    for (const secret of ['王小明', '0912', '中華路', '預算不足', unit.unitId, id]) expect(answer).not.toContain(secret);
  });

  it('reissues a code (the old one stops working), gives an anonymous citizen a PIN, and voids the code with the reporter’s data', async () => {
    const created = await post('/reflections', aReflection).expect(201);
    const id = created.body.id as string;
    const first = created.body.receiptCode as string;
    const reissued = await post(`/reflections/${id}/receipt`, {}).expect(200);
    expect(reissued.body.receiptCode).toMatch(CODE);
    expect(reissued.body.receiptCode).not.toBe(first);
    expect((await lookup({ code: first, phoneLast4: '5678' }).expect(404)).body.error).toBe('STATUS_NOT_FOUND');
    await lookup({ code: reissued.body.receiptCode, phoneLast4: '5678' }).expect(200);

    await post(`/reflections/${id}/erase-reporter`, { reason: '當事人請求刪除' }, unit.tokens.supervisor).expect(200);
    const erased = await lookup({ code: reissued.body.receiptCode, phoneLast4: '5678' });
    expect([erased.status, erased.body.error]).toEqual([404, 'STATUS_NOT_FOUND']);
    expect((await post(`/reflections/${id}/receipt`, {})).body.error).toBe('REPORTER_ERASED');

    const anonymous = await post('/reflections', { ...aReflection, reporter: undefined, wantsReceipt: true }).expect(201);
    expect(anonymous.body.receiptPin).toMatch(/^\d{4}$/);
    await lookup({ code: anonymous.body.receiptCode, pin: anonymous.body.receiptPin }).expect(200);
    const wrongPin = String((Number(anonymous.body.receiptPin) + 1) % 10_000).padStart(4, '0');
    await lookup({ code: anonymous.body.receiptCode, pin: wrongPin }).expect(404);
    expect((await post('/reflections', { ...aReflection, reporter: undefined })).body.receiptCode).toBeUndefined();

    // The slip prints only the case's current code.
    const slip = await t.http().get(`/api/v1/reflections/${anonymous.body.id}/receipt`).query({ code: anonymous.body.receiptCode, pin: anonymous.body.receiptPin, format: 'pdf' }).set(bearer(unit.tokens.officer)).buffer(true).parse(binary).expect(200);
    expect(slip.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(decodeURIComponent(String(slip.headers['content-disposition']))).toContain('RCP政風室-村里廉政平臺收執聯-');
    await t.http().get(`/api/v1/reflections/${anonymous.body.id}/receipt`).query({ code: first, format: 'pdf' }).set(bearer(unit.tokens.officer)).expect(404);
  });

  it('answers a wrong code and a wrong phone digit alike, in the same time', async () => {
    const cases = [];
    for (let i = 0; i < 8; i++) cases.push((await post('/reflections', aReflection).expect(201)).body.receiptCode as string);
    const timed = async (query: Record<string, string>) => {
      await settled();
      const started = performance.now();
      const answer = await lookup(query);
      return { ms: performance.now() - started, status: answer.status, body: answer.body };
    };
    const wrongCode: number[] = [];
    const wrongPhone: number[] = [];
    const answers = new Set<string>();
    for (const code of cases) {
      const a = await timed({ code: unknownCode(), phoneLast4: '5678' });
      const b = await timed({ code, phoneLast4: '5679' });
      wrongCode.push(a.ms);
      wrongPhone.push(b.ms);
      answers.add(JSON.stringify([a.status, a.body]));
      answers.add(JSON.stringify([b.status, b.body]));
    }
    expect([...answers]).toHaveLength(1);
    expect(JSON.parse([...answers][0])[0]).toBe(404);
    const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
    const ratio = Math.max(median(wrongCode), median(wrongPhone)) / Math.min(median(wrongCode), median(wrongPhone));
    console.log(`wrong code ${median(wrongCode).toFixed(1)} ms, wrong phone ${median(wrongPhone).toFixed(1)} ms (medians of ${cases.length})`);
    expect(ratio).toBeLessThan(1.5);
  });

  it('slows and then stops failed lookups per code and per address, in words; a reissued code works again', async () => {
    const created = await post('/reflections', aReflection).expect(201);
    const code = created.body.receiptCode as string;
    for (let i = 0; i < 10; i++) await lookup({ code, phoneLast4: '0000' }).expect(404);
    const locked = await lookup({ code, phoneLast4: '5678' }).set('Accept-Language', 'zh-TW');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.message).toContain('查詢錯誤次數過多');
    const reissued = await post(`/reflections/${created.body.id}/receipt`, {}).expect(200);
    await lookup({ code: reissued.body.receiptCode, phoneLast4: '5678' }).expect(200);

    const one = '203.0.113.9';
    for (let i = 0; i < 20; i++) await lookup({ code: unknownCode(), phoneLast4: '1111' }, one).expect(404);
    expect((await lookup({ code: reissued.body.receiptCode, phoneLast4: '5678' }, one)).status).toBe(429);
    await lookup({ code: reissued.body.receiptCode, phoneLast4: '5678' }, '203.0.113.10').expect(200);
  });

  it('records every lookup: on the case and its timeline for the unit, the unmatched ones for the AAC', async () => {
    const created = await post('/reflections', aReflection).expect(201);
    const code = created.body.receiptCode as string;
    await lookup({ code, phoneLast4: '5678' }, '192.0.2.77').expect(200);
    await lookup({ code, phoneLast4: '1234' }, '192.0.2.78').expect(404);
    await lookup({ code: '0000-0000-00', phoneLast4: '1234' }, '192.0.2.79').expect(404);
    await settled();
    const history = (await t.http().get(`/api/v1/reflections/${created.body.id}/history`).set(bearer(unit.tokens.supervisor)).expect(200)).body.events as { type: string; data: Record<string, unknown> }[];
    expect(history.filter((e) => e.type === 'StatusLookedUp').map((e) => e.data)).toEqual([
      { succeeded: true, from: '192.0.2.0/24' },
      { succeeded: false, from: '192.0.2.0/24' },
    ]);
    expect(history.find((e) => e.type === 'ReceiptIssued')?.data).toEqual({ check: 'phone' });
    const activity = await eventually(async () => {
      const items = (await t.http().get('/api/v1/audit/events?type=StatusLookedUp').set(bearer(unit.tokens.supervisor)).expect(200)).body.items;
      return items.length >= 2 ? items : undefined;
    }, 'the lookups in the unit’s activity log');
    expect(activity.length).toBeGreaterThanOrEqual(2);
    const auditor = await aacAuditor(t, admin, 'rcp.aac');
    const unmatched = await eventually(async () => {
      const items = (await t.http().get('/api/v1/security-events?type=status_lookup_unmatched').set(bearer(auditor)).expect(200)).body.items as { address: string; at: string }[];
      return items.some((item) => item.address === '192.0.2.0/24') ? items : undefined;
    }, 'the unmatched lookup in the security log the AAC reads');
    expect(unmatched.every((item) => typeof item.at === 'string')).toBe(true);
    // Of the security log, the AAC reads those lookups alone.
    await t.http().get('/api/v1/security-events').set(bearer(auditor)).expect(403);
  });
});
