import Database from '@integrity/sqlite';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type NewEvent } from '@integrity/event-store';
import { alternatingRounds, figure, median, ratiosPerRound } from './figures';

const DATA = { summary: '河川疏濬延宕，雨季恐淹水', category: 'public_facilities', receivedOn: '2026-11-26' };
const metadata = () => ({ actorId: 'bench', unitId: 'unit-1', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString() });
/** Single appends are compared in short alternating rounds of this many. */
const ROUNDS = 11;
const PER_ROUND = 500;
const event = (): NewEvent => ({ id: randomUUID(), type: 'HandlingOpinionRecorded', schemaVersion: 1, data: DATA, metadata: metadata() });

function perSecond(count: number, started: bigint): number {
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The same table shape and durability as the adapter (WAL, synchronous=FULL), written directly. */
function rawInserts(file: string, count: number, perTransaction: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    category TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, category, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((from: number) => {
    for (let i = from; i < from + perTransaction; i++) {
      const e = event();
      insert.run(e.id, 'reflection-raw', 'reflection', i, e.type, 1, JSON.stringify(e.data), JSON.stringify(e.metadata));
    }
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += perTransaction) batch(i);
  const rate = perSecond(count, started);
  db.close();
  return rate;
}

/**
 * The adapter's own work per append, written directly and synchronously: its table with the category index, the
 * chain's hash, the lookups of the event id and the stream's head, over 50 streams. At 50 rows a transaction it is
 * the most that 50 writers who each wait for their append can reach.
 */
function rawAdapterWork(file: string, count: number, perTransaction: number, streams: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
    category TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, prev_hash TEXT, hash TEXT, UNIQUE (stream_id, revision));
    CREATE INDEX events_by_category ON events (category, position)`);
  const insert = db.prepare('INSERT INTO events (event_id, stream_id, category, revision, type, schema_version, data, metadata, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const byEventId = db.prepare('SELECT * FROM events WHERE event_id = ?');
  const head = db.prepare<[string], { revision: number; hash: string }>('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
  const batch = db.transaction((from: number) => {
    for (let i = from; i < from + perTransaction; i++) {
      const e = event();
      const streamId = `reflection-w${i % streams}`;
      byEventId.get(e.id);
      const current = head.get(streamId);
      const data = JSON.stringify(e.data);
      const metadata = JSON.stringify(e.metadata);
      const prevHash = current?.hash ?? '0'.repeat(64);
      const hash = createHash('sha256').update(prevHash).update(data).update(metadata).digest('hex');
      insert.run(e.id, streamId, 'reflection', (current?.revision ?? -1) + 1, e.type, 1, data, metadata, prevHash, hash);
    }
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i += perTransaction) batch(i);
  const rate = perSecond(count, started);
  db.close();
  return rate;
}

async function singleAppends(file: string, count: number): Promise<number> {
  const store = new SqliteEventStore({ file });
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await store.append('reflection-single', [event()], i === 0 ? 'no_stream' : i - 1);
  const rate = perSecond(count, started);
  await store.close();
  return rate;
}

/**
 * Single appends beside raw single-row commits, and beside the adapter's own work written directly, in short
 * alternating rounds with each round's ratio taken on its own: this disk's fsync speed drifts several-fold within
 * one run (2,500 to 4,000 raw commits a second in five rounds within one minute), and the drift then falls on both
 * sides.
 */
async function singleAppendRounds(dir: string) {
  const file = (name: string, round: number) => join(dir, `${name}-${round}.sqlite`);
  const [raw, sameWork, single] = await alternatingRounds(ROUNDS, [
    (round) => rawInserts(file('raw', round), PER_ROUND, 1),
    (round) => rawAdapterWork(file('same-work', round), PER_ROUND, 1, 1),
    (round) => singleAppends(file('single', round), PER_ROUND),
  ]);
  const ratios = ratiosPerRound(single, raw);
  return {
    raw: median(raw),
    sameWork: median(sameWork),
    sameWorkRatio: median(ratiosPerRound(sameWork, raw)),
    single: median(single),
    ratio: median(ratios),
    lowest: Math.min(...ratios),
    highest: Math.max(...ratios),
  };
}

async function concurrentWriters(file: string, writers: number, perWriter: number): Promise<number> {
  const store = new SqliteEventStore({ file });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) await store.append(`reflection-w${w}`, [event()], i === 0 ? 'no_stream' : i - 1);
    }),
  );
  const rate = perSecond(writers * perWriter, started);
  await store.close();
  return rate;
}

export async function benchEventStore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-'));
  try {
    const single = await singleAppendRounds(dir);
    const raw100 = rawInserts(join(dir, 'raw-100.sqlite'), 50_000, 100);
    const sameWork50 = rawAdapterWork(join(dir, 'raw-same-work-50.sqlite'), 50_000, 50, 50);
    const grouped = await concurrentWriters(join(dir, 'grouped.sqlite'), 50, 1000);
    const rate = (value: number) => value.toFixed(0).padStart(8);
    console.log(`SQLite event store (WAL, synchronous=FULL; single appends: medians of ${ROUNDS} alternating rounds of ${PER_ROUND}, each ratio the median of the rounds' own)`);
    console.log(`  raw better-sqlite3, 1 insert per transaction    ${rate(single.raw)} rows/s`);
    console.log(`  raw, the adapter's work, 1 per transaction     ${rate(single.sameWork)} rows/s  (${single.sameWorkRatio.toFixed(2)} of raw: the ceiling for single appends)`);
    console.log(`  adapter, single appends one after another      ${rate(single.single)} appends/s  (${single.ratio.toFixed(2)} of raw, rounds ${single.lowest.toFixed(2)}–${single.highest.toFixed(2)}; target ≥ 0.7)`);
    console.log(`  raw better-sqlite3, 100 inserts per transaction ${rate(raw100)} rows/s`);
    console.log(`  raw, the adapter's work, 50 per transaction    ${rate(sameWork50)} rows/s  (the ceiling for 50 waiting writers)`);
    console.log(`  adapter, 50 concurrent writers (group commit)  ${rate(grouped)} appends/s  (target ≥ 30,000)`);
    figure('append.single.ratio_to_raw', single.ratio, 'ratio', { baseline: single.raw, target: '≥ 0.7', rounds: ROUNDS, lowest: single.lowest, highest: single.highest });
    figure('append.single.same_work_ratio_to_raw', single.sameWorkRatio, 'ratio', { baseline: single.raw });
    figure('append.group_commit.per_s', grouped, 'appends/s', { target: '≥ 30,000' });
    figure('append.group_commit.ratio_to_raw_batched', grouped / raw100, 'ratio', { baseline: raw100, target: '≥ 0.6' });
    figure('append.group_commit.ratio_to_same_work_50_per_transaction', grouped / sameWork50, 'ratio', { baseline: sameWork50 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
