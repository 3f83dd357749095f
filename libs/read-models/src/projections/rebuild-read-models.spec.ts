import { join } from 'node:path';
import { SqliteEventStore } from '@integrity/event-store';
import { ActiveReadModels, activeGeneration, applyBatch, EmbeddedReadModelStore, ReadModelSet } from '@integrity/read-models';
import { generateHistory } from '../../../../bench/history-generator';
import { tempDir } from '../../../../test/support/temp-dir';
import { rebuildReadModels, type RebuildProgress } from './rebuild-read-models';

describe('rebuilding the read models', () => {
  const dir = tempDir('rebuild');
  afterAll(() => dir.remove());

  it('builds a fresh generation, switches to it only once caught up, and drops the old one', async () => {
    const events = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    const store = new EmbeddedReadModelStore(join(dir.path, 'read-models.sqlite'));
    await generateHistory(events, { units: 2, sitesPerUnit: 2, reflections: 1000, seed: 3 });
    const live = new ReadModelSet(store, 1);
    const firstPage = await events.readAll(null, 300);
    await applyBatch(live, firstPage, await live.checkpoint(), new Date());
    const readers = new ActiveReadModels(store);

    const seenByReaders: number[] = [];
    const progress = { update: async () => void seenByReaders.push((await readers.current()).generation) } as unknown as RebuildProgress;
    const outcome = await rebuildReadModels(events, store, progress, () => new Date());

    expect(seenByReaders.length).toBeGreaterThan(2);
    expect(new Set(seenByReaders)).toEqual(new Set([1]));
    expect(outcome.generation).toBe(2);
    expect(await activeGeneration(store)).toBe(2);
    readers.refresh();
    const rebuilt = await readers.current();
    expect(rebuilt.generation).toBe(2);
    expect(await rebuilt.reflections.countDocuments({})).toBe(1000);
    expect((await rebuilt.checkpoint()).position).toBe((await events.headPosition())!.toString().padStart(40, '0'));
    expect(await live.reflections.countDocuments({})).toBe(0);
    await events.close();
    await store.close();
  });
});
