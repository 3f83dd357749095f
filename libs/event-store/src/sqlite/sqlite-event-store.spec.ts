import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore } from './sqlite-event-store';
import type { RecordedEvent } from '../event-envelope';
import { tempDir } from '../../../../test/support/temp-dir';

const support = join(__dirname, '../../../../test/support');

describe('SQLite event store across connections and crashes', () => {
  const dir = tempDir('sqlite-es');
  afterAll(() => dir.remove());

  it('lets exactly one connection win each revision while a live subscriber sees every event in position order', async () => {
    const file = join(dir.path, 'race.sqlite');
    const store = new SqliteEventStore({ file, pollIntervalMs: 5 });
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe(null, async (event) => void seen.push(event));
    const start = new SharedArrayBuffer(4);
    const revisions = 50;
    const workers = Array.from({ length: 4 }, (_, worker) => new Worker(join(support, 'sqlite-append-worker.js'), { workerData: { file, streamId: 'race-1', revisions, worker, start } }));
    const results = workers.map((w) => new Promise<number[]>((resolve, reject) => w.once('message', resolve).once('error', reject)));
    Atomics.store(new Int32Array(start), 0, 1);
    Atomics.notify(new Int32Array(start), 0);
    const won = (await Promise.all(results)).flat().sort((a, b) => a - b);

    expect(won).toEqual(Array.from({ length: revisions }, (_, r) => r));
    const raced = await store.readStream('race-1');
    expect(raced.map((e) => e.revision)).toEqual(won);

    const total = revisions + 4 * revisions;
    while (seen.length < total) await new Promise((resolve) => setTimeout(resolve, 10));
    await subscription.stop();
    expect(seen).toHaveLength(total);
    for (let i = 1; i < seen.length; i++) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
    expect(seen.map((e) => e.id)).toEqual((await store.readAll(null, total)).map((e) => e.id));
    await store.close();
  });

  it('keeps every acknowledged append when the writing process is killed', async () => {
    const file = join(dir.path, 'crash.sqlite');
    const acknowledged: string[] = [];
    const child = fork(join(support, 'sqlite-crash-writer.js'), [file], { stdio: 'ignore' });
    await new Promise<void>((resolve) => {
      child.on('message', (id: string) => {
        acknowledged.push(id);
        if (acknowledged.length === 300) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const store = new SqliteEventStore({ file });
    const events = await store.readStream('crash-stream');
    const stored = new Set(events.map((e) => e.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    await store.close();
  });
});
