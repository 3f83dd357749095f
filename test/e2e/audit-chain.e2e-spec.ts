import Database from '@integrity/sqlite';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_STREAM, merkleRoot, type StreamHead } from '@integrity/audit';
import { eventHash, GENESIS_HASH } from '@integrity/event-store';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp-dir';
import { aacAuditor, ADMIN, aReflection, bearer, handledByOwnAgency, startTestApp, tokenFor, unitWithUsers, type TestApp } from '../support/test-app';

interface Verdict {
  ok: boolean;
  events: number;
  streams: number;
  checkpoint: { root: string; matches: boolean } | null;
  receipt?: { root: string; found: boolean; matches: boolean };
  firstBroken?: { streamId: string; revision: number; reason: string };
}

/** `npm run audit:verify` as an operator runs it, on a data directory: its exit code and its verdict. */
async function verifyOffline(dataDir: string, receipt?: string): Promise<{ code: number | null; verdict: Verdict }> {
  const { code, out, said } = await runCli('audit-verify.ts', receipt ? ['--receipt', receipt] : [], dataDir);
  try {
    return { code, verdict: JSON.parse(out) as Verdict };
  } catch {
    throw new Error(`audit:verify printed no verdict (exit ${code}): ${said}`);
  }
}

/**
 * issue 12: the history proves itself unaltered. A log with cases at several steps and a checkpoint is damaged in
 * the SQLite file four ways, each on its own copy; both the offline command and the API find each, naming the
 * stream, the revision and why.
 */
describe('the hash-chained history, verified', () => {
  const dir = tempDir('audit-chain');
  const copies: { remove: () => void }[] = [];
  let running: TestApp | undefined;
  let streams: { edited: string; thinned: string; deleted: string; deletedHead: number; reordered: string; receipt: string };

  afterAll(async () => {
    await running?.close();
    for (const copy of copies) copy.remove();
    dir.remove();
  });

  async function verifyOnline(dataDir: string, receipt?: string): Promise<Verdict> {
    const app = await startTestApp(dataDir);
    running = app;
    try {
      const admin = await tokenFor(app, ADMIN.username, ADMIN.password);
      const auditor = await tokenFor(app, 'chain.aac', 'chain-aac-auditor-password');
      const path = `/api/v1/audit/verify${receipt ? `?receipt=${receipt}` : ''}`;
      const byAdmin = (await app.http().get(path).set(bearer(admin)).expect(200)).body as Verdict;
      expect((await app.http().get(path).set(bearer(auditor)).expect(200)).body).toEqual(byAdmin);
      return byAdmin;
    } finally {
      running = undefined;
      await app.close();
    }
  }

  /** A copy of the intact data directory with its log changed by `damage`. */
  function damaged(damage: (db: Database.Database) => void): string {
    const copy = tempDir('audit-chain-damaged');
    copies.push(copy);
    cpSync(dir.path, copy.path, { recursive: true });
    const db = new Database(join(copy.path, 'events.sqlite'));
    try {
      damage(db);
    } finally {
      db.close();
    }
    return copy.path;
  }

  it('records cases at several steps, a checkpoint, and verifies intact online and offline', async () => {
    const app = await startTestApp(dir.path);
    running = app;
    const admin = await tokenFor(app, ADMIN.username, ADMIN.password);
    const unit = await unitWithUsers(app, admin, 'CHAIN');
    const auditor = await aacAuditor(app, admin, 'chain.aac');
    const ids: string[] = [];
    for (const summary of ['路燈故障多時未修', '社區道路坑洞', '公園遊具老舊', '垃圾清運時間不固定']) {
      const created = await app.http().post('/api/v1/reflections').set(bearer(unit.tokens.officer)).send({ ...aReflection, summary }).expect(201);
      ids.push(created.body.id);
    }
    await handledByOwnAgency(app, ids[0], unit.tokens);
    await handledByOwnAgency(app, ids[2], unit.tokens);
    for (const opinion of ['擬簽會工務課', '擬函請水利局辦理']) {
      await app.http().post(`/api/v1/reflections/${ids[1]}/handling-opinion`).set(bearer(unit.tokens.officer)).send({ opinion }).expect(200);
    }
    await app.http().post('/api/v1/audit/checkpoints').set(bearer(auditor)).expect(403);
    const { checkpoint } = (await app.http().post('/api/v1/audit/checkpoints').set(bearer(admin)).expect(201)).body as { checkpoint: { root: string; events: number } };
    expect(checkpoint.root).toMatch(/^[0-9a-f]{64}$/);
    await app.http().get('/api/v1/audit/verify').set(bearer(unit.tokens.supervisor)).expect(403);
    const latest = (await app.http().get('/api/v1/audit/checkpoints/latest').set(bearer(unit.tokens.supervisor)).expect(200)).body;
    expect(latest.checkpoint.root).toBe(checkpoint.root);
    const intact = (await app.http().get('/api/v1/audit/verify').set(bearer(auditor)).expect(200)).body as Verdict;
    expect(intact).toMatchObject({ ok: true, checkpoint: { root: checkpoint.root, matches: true } });
    expect(intact.events).toBeGreaterThan(20);
    running = undefined;
    await app.close();

    const offline = await verifyOffline(dir.path);
    expect(offline.code).toBe(0);
    expect(offline.verdict).toEqual(intact);
    streams = { edited: `reflection-${ids[0]}`, thinned: `reflection-${ids[2]}`, deleted: `reflection-${ids[3]}`, deletedHead: 0, reordered: `reflection-${ids[1]}`, receipt: checkpoint.root };
    const withReceipt = await verifyOffline(dir.path, checkpoint.root);
    expect([withReceipt.code, withReceipt.verdict.receipt]).toEqual([0, { root: checkpoint.root, found: true, matches: true }]);
    const db = new Database(join(dir.path, 'events.sqlite'), { readonly: true });
    streams.deletedHead = (db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?').get(streams.deleted) as { revision: number }).revision;
    db.close();
  }, 300_000);

  const cases: [string, (db: Database.Database) => void, () => { streamId: string; revision: number; reason: string }][] = [
    [
      'an event whose data was edited in the file',
      (db) => db.prepare(`UPDATE events SET data = json_set(data, '$.summary', '已改寫的內容') WHERE stream_id = ? AND revision = 0`).run(streams.edited),
      () => ({ streamId: streams.edited, revision: 0, reason: 'hash_mismatch' }),
    ],
    [
      'an event deleted from the middle of its stream',
      (db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 2').run(streams.thinned),
      () => ({ streamId: streams.thinned, revision: 2, reason: 'event_missing' }),
    ],
    [
      'a whole stream deleted',
      (db) => db.prepare('DELETE FROM events WHERE stream_id = ?').run(streams.deleted),
      () => ({ streamId: streams.deleted, revision: streams.deletedHead, reason: 'stream_missing' }),
    ],
    [
      'two events of a stream swapped in the log',
      (db) => {
        const [a, b] = db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision IN (1, 2) ORDER BY revision').all(streams.reordered) as { position: number }[];
        db.transaction(() => {
          db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a.position);
          db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a.position, b.position);
          db.prepare('UPDATE events SET position = ? WHERE position = -1').run(b.position);
        })();
      },
      () => ({ streamId: streams.reordered, revision: 1, reason: 'out_of_order' }),
    ],
  ];

  for (const [what, damage, expected] of cases) {
    it(`finds ${what}, offline and through the API, naming the stream, revision and reason`, async () => {
      const copy = damaged(damage);
      const offline = await verifyOffline(copy);
      expect(offline.code).toBe(1);
      expect(offline.verdict.ok).toBe(false);
      expect(offline.verdict.firstBroken).toEqual(expected());
      const online = await verifyOnline(copy);
      expect(online).toEqual(offline.verdict);
    }, 300_000);
  }

  it('verifies the directory given as its argument, and refuses one that is not there rather than report it intact', async () => {
    const given = await runCli('audit-verify.ts', [dir.path], join(dir.path, 'not-this-one'));
    expect([given.code, (JSON.parse(given.out) as Verdict).ok]).toEqual([0, true]);
    const missing = await runCli('audit-verify.ts', [join(dir.path, 'mistyped')], dir.path);
    expect(missing.code).toBe(2);
    expect(missing.said).toContain(`資料目錄不存在：${join(dir.path, 'mistyped')}（DATA_DIR_NOT_FOUND）`);
    expect(missing.out).toBe('');
    const unset = await runCli('audit-verify.ts', [], join(dir.path, 'nowhere'));
    expect([unset.code, unset.said.includes('DATA_DIR_NOT_FOUND')]).toEqual([2, true]);
  });

  it('verifies a whole-log rewrite as intact on its own, and catches it against the receipt the AAC holds', async () => {
    // The operator's rewrite: an event's data changed, every hash after it recomputed, every checkpoint redone.
    const copy = damaged((db) => {
      const rows = db.prepare('SELECT position, stream_id, revision, type, schema_version, data, metadata FROM events ORDER BY position').all() as {
        position: number;
        stream_id: string;
        revision: number;
        type: string;
        schema_version: number;
        data: string;
        metadata: string;
      }[];
      const events = rows.map((row) => ({ position: row.position, streamId: row.stream_id, revision: row.revision, type: row.type, schemaVersion: row.schema_version, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) }));
      (events.find((event) => event.streamId === streams.edited && event.revision === 0) as { data: { summary: string } }).data.summary = '已改寫的內容';
      const heads = new Map<string, StreamHead & { position: number }>();
      let previousCheckpoint = 0;
      const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?');
      db.transaction(() => {
        for (const event of events) {
          if (event.streamId === CHECKPOINT_STREAM) {
            // The checkpoint covered what was in the log before it.
            const covered = event.position - 1;
            const asOf = new Map([...heads].filter(([streamId, head]) => streamId !== CHECKPOINT_STREAM && head.position <= covered));
            event.data = { ...event.data, root: merkleRoot(asOf), changedHeads: [...asOf].filter(([, head]) => head.position > previousCheckpoint).map(([streamId, head]) => [streamId, head.revision, head.hash]) };
            previousCheckpoint = covered;
          }
          const prevHash = heads.get(event.streamId)?.hash ?? GENESIS_HASH;
          const hash = eventHash(event, prevHash);
          heads.set(event.streamId, { revision: event.revision, hash, position: event.position });
          update.run(JSON.stringify(event.data), prevHash, hash, event.position);
        }
      })();
    });
    const alone = await verifyOffline(copy);
    expect([alone.code, alone.verdict.ok]).toEqual([0, true]);
    expect(alone.verdict.checkpoint?.root).not.toBe(streams.receipt);
    const offline = await verifyOffline(copy, streams.receipt);
    expect(offline.code).toBe(1);
    expect(offline.verdict.receipt).toEqual({ root: streams.receipt, found: false, matches: false });
    expect(offline.verdict.firstBroken).toEqual({ streamId: CHECKPOINT_STREAM, revision: -1, reason: 'receipt_unknown' });
    expect(await verifyOnline(copy, streams.receipt)).toEqual(offline.verdict);
  }, 300_000);
});
