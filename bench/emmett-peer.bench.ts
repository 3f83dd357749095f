import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SqliteEventStore, type NewEvent, type RecordedEvent } from '@integrity/event-store';
import { alternatingRounds, figure, median, ratiosPerRound } from './figures';

const STREAMS = 100;
const APPENDS = 1000;
const ROUNDS = 5;
const DATA = { summary: '河川疏濬延宕，雨季恐淹水', category: 'public_facilities', receivedOn: '2026-11-26' };
const metadata = () => ({ actorId: 'bench', unitId: 'unit-1', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString() });

/** The workload both stores run: appends one at a time, round the streams, then every stream read and folded. */
interface Peer {
  append(stream: string, revision: number): Promise<void>;
  /** The number of events the stream folds to. */
  fold(stream: string): Promise<number>;
  close(): Promise<void>;
}

function product(file: string): Peer {
  const store = new SqliteEventStore({ file });
  const event = (): NewEvent => ({ id: randomUUID(), type: 'HandlingOpinionRecorded', schemaVersion: 1, data: DATA, metadata: metadata() });
  return {
    append: async (stream, revision) => void (await store.append(stream, [event()], revision === 0 ? 'no_stream' : revision - 1)),
    fold: async (stream) => (await store.readStream(stream)).reduce((count: number, _event: RecordedEvent) => count + 1, 0),
    close: () => store.close(),
  };
}

/** Emmett's SQLite event store as its README sets it up: a file name, a connection opened per call. */
async function emmett(file: string): Promise<Peer> {
  const { getSQLiteEventStore } = await import('@event-driven-io/emmett-sqlite');
  const store = getSQLiteEventStore({ fileName: file });
  const event = () => ({ type: 'HandlingOpinionRecorded', data: DATA, metadata: metadata() });
  return {
    append: async (stream, revision) => void (await store.appendToStream(stream, [event()], { expectedStreamVersion: BigInt(revision) })),
    fold: async (stream) => (await store.aggregateStream(stream, { evolve: (count: number) => count + 1, initialState: () => 0 })).state,
    close: async () => undefined,
  };
}

async function perSecond(count: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await work(i);
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/**
 * Appends in alternating rounds, each round's ratio on its own (the disk's fsync speed drifts within a run); then
 * each store's streams read and folded.
 */
async function compare(ours: Peer, theirs: Peer) {
  const perRound = APPENDS / ROUNDS;
  const appendRound = (peer: Peer) => (round: number) =>
    perSecond(perRound, (i) => {
      const n = round * perRound + i;
      return peer.append(`reflection-${n % STREAMS}`, Math.floor(n / STREAMS));
    });
  const [oursAppends, theirsAppends] = await alternatingRounds(ROUNDS, [appendRound(ours), appendRound(theirs)]);
  const folds = async (peer: Peer) => {
    const rate = await perSecond(STREAMS * 5, async (i) => {
      const folded = await peer.fold(`reflection-${i % STREAMS}`);
      if (folded !== APPENDS / STREAMS) throw new Error(`A stream folded to ${folded} events instead of ${APPENDS / STREAMS}`);
    });
    await peer.close();
    return rate;
  };
  return {
    ours: { appends: median(oursAppends), folds: await folds(ours) },
    theirs: { appends: median(theirsAppends), folds: await folds(theirs) },
    appendRatio: median(ratiosPerRound(oursAppends, theirsAppends)),
  };
}

/**
 * The nearest peer, Emmett's SQLite event store (@event-driven-io/emmett-sqlite over node-sqlite3), beside the
 * product's store in the same process, one after the other in alternating rounds, on the same workload. Both
 * write SQLite in WAL mode at synchronous=FULL, the product by its own pragma and Emmett by SQLite's default.
 */
export async function benchEmmettPeer(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-peer-'));
  try {
    const { ours, theirs, appendRatio } = await compare(product(join(dir, 'product.sqlite')), await emmett(join(dir, 'emmett.sqlite')));
    const { version } = JSON.parse(readFileSync(join(dirname(require.resolve('@event-driven-io/emmett-sqlite')), '../package.json'), 'utf8')) as { version: string };
    const peer = `@event-driven-io/emmett-sqlite ${version}`;
    const foldRatio = ours.folds / theirs.folds;
    console.log(`The nearest peer: Emmett's SQLite event store (${peer}), same process, same workload (${APPENDS.toLocaleString('en')} single appends over ${STREAMS} streams in ${ROUNDS} alternating rounds, the ratio the median of the rounds' own; then each stream read and folded 5 times)`);
    console.log(`  single appends     product ${Math.round(ours.appends).toLocaleString('en').padStart(7)}/s   Emmett ${Math.round(theirs.appends).toLocaleString('en').padStart(6)}/s   ratio ${appendRatio.toFixed(1)} (target ≥ 10)`);
    console.log(`  read and fold      product ${Math.round(ours.folds).toLocaleString('en').padStart(7)}/s   Emmett ${Math.round(theirs.folds).toLocaleString('en').padStart(6)}/s   ratio ${foldRatio.toFixed(1)}`);
    figure('append.vs_emmett.ratio', appendRatio, 'ratio', { baseline: theirs.appends, productPerSecond: ours.appends, peer, target: '≥ 10', rounds: ROUNDS });
    figure('read_fold.vs_emmett.ratio', foldRatio, 'ratio', { baseline: theirs.folds, productPerSecond: ours.folds, peer });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
