import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_MESSAGES_ZH_TW, zhTwMessage } from '@integrity/domain';
import { ADMIN, aReflection, bearer, startTestApp, tokenFor, unitWithUsers, type TestApp, type UnitUsers } from '../support/test-app';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'web' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every code the API can answer: what the deciders, handlers and guards throw, and the transport's own. */
function declaredCodes(): string[] {
  const patterns = [
    /\b(?:invalid|conflict|notFound|forbidden)\('([A-Z_]+)'/g,
    /IdentityError\('([A-Z_]+)'/g,
    /error: '([A-Z_]+)'/g,
    /'([A-Z_]+_IN_FUTURE)'/g,
    /InputRefusedError\(\d+, '([A-Z_]+)'/g,
    /super\('([A-Z_]+)'/g,
  ];
  const codes = new Set<string>(['REQUEST_HEADER_FIELDS_TOO_LARGE', 'NOT_FOUND', 'BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'METHOD_NOT_ALLOWED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);
  for (const file of [...sources(join(ROOT, 'libs')), ...sources(join(ROOT, 'apps'))]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1]);
  }
  return [...codes].sort();
}

describe('the error catalogue in Traditional Chinese', () => {
  let t: TestApp;
  let unit: UnitUsers;

  beforeAll(async () => {
    t = await startTestApp();
    unit = await unitWithUsers(t, await tokenFor(t, ADMIN.username, ADMIN.password), 'ERR');
  });
  afterAll(() => t.close());

  it('has a zh-TW message for every code the API declares', () => {
    const codes = declaredCodes();
    expect(codes.length).toBeGreaterThan(90);
    expect(codes.filter((code) => !ERROR_MESSAGES_ZH_TW[code])).toEqual([]);
  });

  it('says every message in Chinese with any details: no [object Object], no undefined, no English field name', () => {
    // Details as the API gives them, and ones no form has, such as prototype keys.
    const fields = ['receivedOn', 'rows[0].summary', 'reporter.phone', '__proto__', 'constructor', 'priority', 'toString'];
    const samples: Record<string, unknown>[] = [
      {},
      {
        date: '2026-11-26',
        today: '2026-11-27',
        notBefore: '2026-11-27',
        requestedOn: '2026-11-27',
        receivedOn: '2026-11-20',
        end: '2026-12-06',
        currentDueOn: '2026-12-28',
        max: 4000,
        year: 2028,
        retryAfterSeconds: 600,
        busy: true,
        role: 'agency_head',
        department: '工務課',
        agency: '經濟部水利署',
        code: 'TPE',
        username: 'tpe.officer',
        subject: 'referral',
        reasons: '重複的字元',
        changes: [{ kind: 'public_need', before: 2, after: 3 }],
        openObligations: [{ kind: 'department_answer', party: '工務課', dueOn: '2026-12-08' }],
        ownAgency: ['route_to_departments'],
        otherAgency: ['request_head_approval'],
      },
      { role: { nested: true }, changes: [{}], agency: null },
    ];
    // A field's name, a vocabulary's code (agency_head, public_need) or a program's value never reaches the reader.
    const english = new RegExp(`\\b(?:${fields.map((f) => f.split('.').pop()?.replace(/\[\d+\]$/, '')).join('|')}|[a-z]+_[a-z_]+|[a-z]+[A-Z]\\w*)\\b`);
    const problems: string[] = [];
    for (const code of Object.keys(ERROR_MESSAGES_ZH_TW)) {
      for (const field of fields) {
        for (const params of samples) {
          const text = zhTwMessage(code, { field, params });
          if (text === null || /\[object|undefined|NaN|function|null/.test(text) || english.test(text)) problems.push(`${code} (${field}): ${text}`);
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  const zh = (request: ReturnType<ReturnType<TestApp['http']>['post']>) => request.set('Accept-Language', 'zh-TW,zh;q=0.9,en;q=0.5');

  it('answers in zh-TW when asked, field errors named by their form labels, dates as ROC dates; in English otherwise', async () => {
    const future = { ...aReflection, receivedOn: '2026-12-31' };
    const english = await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(future).expect(400);
    expect(english.body).toMatchObject({ error: 'RECEIVED_ON_IN_FUTURE', message: expect.stringContaining('is in the future') });
    const chinese = await zh(t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer))).send(future).expect(400);
    expect(chinese.body).toEqual({
      error: 'RECEIVED_ON_IN_FUTURE',
      message: '受理日期不得晚於今日（民國115年11月27日）。',
      details: [{ field: 'receivedOn', reason: '受理日期不得晚於今日（民國115年11月27日）。' }],
    });

    const shape = await zh(t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer))).send({ ...aReflection, summary: 5, receivedOn: '115/11/26', priority: 'high' }).expect(400);
    expect(shape.body.error).toBe('VALIDATION_FAILED');
    expect(shape.body.message).toBe('輸入的資料有誤，請依各欄位說明更正。');
    expect(shape.body.details).toEqual(
      expect.arrayContaining([
        { field: 'summary', reason: '需求/反映等內容概述須為文字。' },
        { field: 'receivedOn', reason: '受理日期須為日期（年-月-日）。' },
        { field: 'priority', reason: '送出的資料含有本表單沒有的欄位，請刪除後再送出。' },
      ]),
    );

    const { id } = (await t.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send(aReflection).expect(201)).body;
    const closing = await zh(t.http().post(`/api/v1/reflections/${id}/close`).set(bearer(unit.tokens.officer))).send({ outcome: '結案' }).expect(409);
    expect(closing.body.message).toBe('尚不能結案。本機關處理尚缺：簽會業務單位、陳報機關首長；或函請他機關參處尚缺：簽報首長核可。');
    const refer = await zh(t.http().post(`/api/v1/reflections/${id}/refer`).set(bearer(unit.tokens.officer))).send({ agency: '經濟部水利署', letterNo: '1', sentOn: '2026-11-27' }).expect(409);
    expect(refer.body.message).toBe('函請「經濟部水利署」參處前，須先經機關首長核可。');
    const extension = await zh(t.http().post(`/api/v1/reflections/${id}/extension-requests`).set(bearer(unit.tokens.officer))).send({ newDueOn: '2026-12-01', reason: '現勘' }).expect(400);
    expect(extension.body.details).toEqual([{ field: 'newDueOn', reason: '展延後期限須晚於目前的回復期限（民國115年12月28日）。' }]);
    const head = await zh(t.http().post(`/api/v1/reflections/${id}/head-decisions`).set(bearer(unit.tokens.officer))).send({ subject: 'report', decision: 'approved' }).expect(403);
    expect(head.body.message).toBe('只有機關首長核示；代為登錄首長紙本核示時，須填寫首長簽核文號及日期。');
    const missing = await t.http().get('/api/v1/no-such-route').set('Accept-Language', 'zh-TW').expect(404);
    expect(missing.body).toMatchObject({ error: 'NOT_FOUND', message: '找不到所要的資料或頁面。' });
    const unauthenticated = await t.http().get('/api/v1/reflections').set('Accept-Language', 'zh-TW').expect(401);
    expect(unauthenticated.body.message).toBe('請先登入。');
  });
});
