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

/**
 * The same table shape and durability as the adapter (WAL, synchronous=FULL), written directly, over one stream
 * or round-robin over several (whose rows then land in as many places of the stream index).
 */
function rawInserts(file: string, count: number, perTransaction: number, streams = 1): number {
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
      insert.run(e.id, `reflection-raw${i % streams}`, 'reflection', Math.floor(i / streams), e.type, 1, JSON.stringify(e.data), JSON.stringify(e.metadata));
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

/** Group commit is compared in alternating rounds too, each side writing this many rows a round. */
const BATCHED_ROUNDS = 5;
const BATCHED_PER_ROUND = 10_000;

/**
 * 50 concurrent writers beside raw inserts at 100 rows a transaction (the target's baseline); raw inserts at 50
 * (the most that 50 writers who each wait for their append can put in one commit), on one stream and over the
 * writers' 50; and the adapter's own work at 50. In alternating rounds, each round's ratios on their own.
 */
async function batchedRounds(dir: string) {
  const file = (name: string, round: number) => join(dir, `${name}-${round}.sqlite`);
  const [raw100, raw50, raw50Streams, sameWork50, grouped] = await alternatingRounds(BATCHED_ROUNDS, [
    (round) => rawInserts(file('raw-100', round), BATCHED_PER_ROUND, 100),
    (round) => rawInserts(file('raw-50', round), BATCHED_PER_ROUND, 50),
    (round) => rawInserts(file('raw-50-streams', round), BATCHED_PER_ROUND, 50, 50),
    (round) => rawAdapterWork(file('same-work-50', round), BATCHED_PER_ROUND, 50, 50),
    (round) => concurrentWriters(file('grouped', round), 50, BATCHED_PER_ROUND / 50),
  ]);
  return {
    raw100: median(raw100),
    raw50: median(raw50),
    raw50Streams: median(raw50Streams),
    sameWork50: median(sameWork50),
    grouped: median(grouped),
    raw50Ratio: median(ratiosPerRound(raw50, raw100)),
    raw50StreamsRatio: median(ratiosPerRound(raw50Streams, raw100)),
    sameWorkRatio: median(ratiosPerRound(sameWork50, raw100)),
    ratio: median(ratiosPerRound(grouped, raw100)),
    ofSameWork: median(ratiosPerRound(grouped, sameWork50)),
  };
}

export async function benchEventStore(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-'));
  try {
    const single = await singleAppendRounds(dir);
    const batched = await batchedRounds(dir);
    const line = (label: string, value: number, unit: string) => console.log(`  ${label.padEnd(47)}${value.toFixed(0).padStart(8)} ${unit}`);
    const of = (ratio: number) => `${ratio.toFixed(2)} of raw at 100`;
    console.log(`SQLite event store (WAL, synchronous=FULL; single appends: medians of ${ROUNDS} alternating rounds of ${PER_ROUND}; batched: of ${BATCHED_ROUNDS} rounds of ${BATCHED_PER_ROUND.toLocaleString('en')}; each ratio the median of the rounds' own)`);
    line('raw better-sqlite3, 1 insert per transaction', single.raw, 'rows/s');
    line("raw, the adapter's work, 1 per transaction", single.sameWork, `rows/s  (${single.sameWorkRatio.toFixed(2)} of raw: the ceiling for single appends)`);
    line('adapter, single appends one after another', single.single, `appends/s  (${single.ratio.toFixed(2)} of raw, rounds ${single.lowest.toFixed(2)}–${single.highest.toFixed(2)}; target ≥ 0.7)`);
    line('raw better-sqlite3, 100 inserts per transaction', batched.raw100, 'rows/s');
    line('raw better-sqlite3, 50 inserts per transaction', batched.raw50, `rows/s  (${of(batched.raw50Ratio)}: the most 50 waiting writers could reach)`);
    line('raw, 50 per transaction over 50 streams', batched.raw50Streams, `rows/s  (${of(batched.raw50StreamsRatio)}: the same over the writers' 50 streams)`);
    line("raw, the adapter's work, 50 per transaction", batched.sameWork50, `rows/s  (${of(batched.sameWorkRatio)}: the ceiling for 50 waiting writers)`);
    line('adapter, 50 concurrent writers (group commit)', batched.grouped, `appends/s  (${of(batched.ratio)}, ${batched.ofSameWork.toFixed(2)} of the same work; target ≥ 0.6 of raw at 100, ≥ 30,000/s)`);
    figure('append.single.ratio_to_raw', single.ratio, 'ratio', { baseline: single.raw, target: '≥ 0.7', rounds: ROUNDS, lowest: single.lowest, highest: single.highest });
    figure('append.single.same_work_ratio_to_raw', single.sameWorkRatio, 'ratio', { baseline: single.raw });
    figure('append.group_commit.per_s', batched.grouped, 'appends/s', { target: '≥ 30,000' });
    figure('append.group_commit.ratio_to_raw_batched', batched.ratio, 'ratio', { baseline: batched.raw100, target: '≥ 0.6', rounds: BATCHED_ROUNDS });
    figure('append.group_commit.raw_50_ratio_to_raw_batched', batched.raw50Ratio, 'ratio', { baseline: batched.raw100 });
    figure('append.group_commit.raw_50_over_50_streams_ratio_to_raw_batched', batched.raw50StreamsRatio, 'ratio', { baseline: batched.raw100 });
    figure('append.group_commit.same_work_50_ratio_to_raw_batched', batched.sameWorkRatio, 'ratio', { baseline: batched.raw100 });
    figure('append.group_commit.ratio_to_same_work_50_per_transaction', batched.ofSameWork, 'ratio', { baseline: batched.sameWork50 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
