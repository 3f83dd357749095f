import { randomUUID } from 'node:crypto';
import { AuditCheckpointRecorder, verifyChains } from '@integrity/audit';
import {
  AppendOutcomeUnknownError,
  eventHash,
  LogBusyError,
  SubscriptionEndedError,
  EventStoreDbEventStore,
  GENESIS_HASH,
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@integrity/event-store';
import { EventStoreDb2410Double } from '../support/eventstoredb-24-10-double';
import { eventStoreAdapters } from './event-store-adapters';

const newEvent = (type: string, data: Record<string, string | number> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: { actorId: 'user-1', unitId: 'unit-1', correlationId: randomUUID(), causationId: null, occurredAt: '2026-11-27T02:00:00.000Z' },
});
const stream = (category = 'reflection') => `${category}-${randomUUID()}`;

for (const adapter of eventStoreAdapters()) {
  const suite = adapter.skipReason ? describe.skip : describe;
  if (adapter.skipReason) console.log(`event-store contract: ${adapter.name} skipped (${adapter.skipReason})`);

  suite(`event store contract: ${adapter.name}${adapter.skipReason ? ` (skipped: ${adapter.skipReason})` : ''}`, () => {
    let store: EventStore;
    beforeEach(() => (store = adapter.create()));
    afterEach(() => store.close());
    afterAll(() => adapter.cleanup());

    it('appends to a new stream and reads it back in revision order with type, version, data and metadata', async () => {
      const id = stream();
      const events = [newEvent('ReflectionReceived', { summary: '河川疏濬延宕' }), newEvent('HandlingOpinionRecorded', { opinion: '簽會' })];
      const result = await store.append(id, events, 'no_stream');
      expect(result.revision).toBe(1);
      const read = await store.readStream(id);
      expect(read.map((e) => [e.id, e.type, e.revision, e.schemaVersion, e.data, e.metadata, e.streamId])).toEqual(
        events.map((e, i) => [e.id, e.type, i, 1, e.data, e.metadata, id]),
      );
      expect(read[1].position).toBe(result.position);
      expect(read[0].position < read[1].position).toBe(true);
    });

    it('reads a stream that does not exist as empty', async () => {
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('refuses an append at a stale revision and names the current one', async () => {
      const id = stream();
      await store.append(id, [newEvent('A'), newEvent('B')], 'no_stream');
      await expect(store.append(id, [newEvent('C')], 0)).rejects.toMatchObject({ actual: 1, expected: 0 });
      await expect(store.append(id, [newEvent('C')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(stream(), [newEvent('C')], 3)).rejects.toMatchObject({ actual: -1 });
      const next = await store.append(id, [newEvent('C')], 1);
      expect(next.revision).toBe(2);
    });

    it('treats an append of the same event ids as a retry: the first result, nothing written twice', async () => {
      const id = stream();
      await store.append(id, [newEvent('A')], 'no_stream');
      const events = [newEvent('B'), newEvent('C')];
      const first = await store.append(id, events, 0);
      const retry = await store.append(id, events, 0);
      expect(retry).toEqual(first);
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    });

    it('refuses the same ids at another place or with others: a retry is the whole append at its revision', async () => {
      const id = stream();
      const a = newEvent('A');
      const b = newEvent('B');
      await store.append(id, [a, b], 'no_stream');
      await expect(store.append(id, [a, newEvent('C')], 'no_stream')).rejects.toThrow();
      await expect(store.append(id, [b], 'no_stream')).rejects.toThrow();
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B']);
      expect(await store.append(id, [a, b], 'no_stream')).toMatchObject({ revision: 1 });
    });

    it('has one identity, the same whenever asked', async () => {
      const [first, second] = await Promise.all([store.identity(), store.identity()]);
      expect(first).toMatch(/^[0-9a-f-]{36}$/);
      expect(second).toBe(first);
    });

    it('lets exactly one of several appends at the same revision win', async () => {
      const id = stream();
      await store.append(id, [newEvent('A')], 'no_stream');
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.append(id, [newEvent(`B${i}`)], 0)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o as PromiseRejectedResult).reason instanceof WrongExpectedRevisionError)).toBe(true);
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('reads all events after a position in order, in batches, optionally by category', async () => {
      const before = await store.headPosition();
      const a = stream('site');
      const b = stream('promotion');
      await store.append(a, [newEvent('SiteRegistered')], 'no_stream');
      await store.append(b, [newEvent('PromotionRecorded')], 'no_stream');
      await store.append(a, [newEvent('SiteRenamed')], 0);
      const all = await store.readAll(before, 1000);
      const ours = all.filter((e) => e.streamId === a || e.streamId === b);
      expect(ours.map((e) => e.type)).toEqual(['SiteRegistered', 'PromotionRecorded', 'SiteRenamed']);
      for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
      const firstTwo = await store.readAll(before, 2);
      expect(firstTwo).toHaveLength(2);
      const rest = await store.readAll(firstTwo[1].position, 1000);
      expect([...firstTwo, ...rest].map((e) => e.id)).toEqual(all.map((e) => e.id));
      const sites = (await store.readAll(before, 1000, { categories: ['site'] })).filter((e) => e.streamId === a);
      expect(sites.map((e) => e.type)).toEqual(['SiteRegistered', 'SiteRenamed']);
      expect(await store.headPosition()).toBe(all[all.length - 1].position);
    });

    it('reads several categories at once, interleaved, in position order page by page, each event once', async () => {
      const before = await store.headPosition();
      const streams = { site: stream('site'), promotion: stream('promotion'), reflection: stream('reflection'), report: stream('report') };
      for (let i = 0; i < 12; i++) await store.append(Object.values(streams)[i % 4], [newEvent(`E${i}`)], 'any');
      const ours = (events: RecordedEvent[]) => events.filter((e) => Object.values(streams).includes(e.streamId));
      const wanted = ours(await store.readAll(before, 1000)).filter((e) => e.streamId !== streams.promotion);
      // The categories out of order and one of them twice: the page is the same.
      const categories = ['report', 'site', 'reflection', 'site'];
      const paged: RecordedEvent[] = [];
      let after = before;
      for (let page = await store.readAll(after, 2, { categories }); page.length > 0; page = await store.readAll(after, 2, { categories })) {
        expect(page.length).toBeLessThanOrEqual(2);
        paged.push(...page);
        after = page[page.length - 1].position;
      }
      expect(ours(paged).map((e) => e.type)).toEqual(wanted.map((e) => e.type));
      expect(wanted).toHaveLength(9);
      for (let i = 1; i < paged.length; i++) expect(paged[i].position > paged[i - 1].position).toBe(true);
    });

    it('subscribes from a position: catches up, then delivers live appends in position order', async () => {
      const id = stream();
      const from = await store.headPosition();
      await store.append(id, [newEvent('A'), newEvent('B')], 'no_stream');
      const seen: RecordedEvent[] = [];
      let resolveAll: () => void = () => undefined;
      const allSeen = new Promise<void>((resolve) => (resolveAll = resolve));
      const subscription = store.subscribe(from, async (event) => {
        if (event.streamId !== id) return;
        seen.push(event);
        if (seen.length === 12) resolveAll();
      });
      await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(id, [newEvent(`Live${i}`)], 'any')));
      await allSeen;
      await subscription.stop();
      expect(seen.slice(0, 2).map((e) => e.type)).toEqual(['A', 'B']);
      expect(seen.map((e) => e.revision)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      for (let i = 1; i < seen.length; i++) expect(seen[i].position > seen[i - 1].position).toBe(true);
    });

    it('subscribes to chosen categories only', async () => {
      const from = await store.headPosition();
      const site = stream('site');
      await store.append(stream('reflection'), [newEvent('ReflectionReceived')], 'no_stream');
      await store.append(site, [newEvent('SiteRegistered')], 'no_stream');
      const seen = await new Promise<RecordedEvent>((resolve) => {
        const subscription = store.subscribe(
          from,
          async (event) => {
            if (event.streamId === site || event.type === 'ReflectionReceived') {
              resolve(event);
              void subscription.stop();
            }
          },
          { categories: ['site'] },
        );
      });
      expect(seen.streamId).toBe(site);
    });
  });
}

for (const adapter of eventStoreAdapters()) {
  const suite = adapter.skipReason ? describe.skip : describe;

  suite(`hash chain contract: ${adapter.name}${adapter.skipReason ? ` (skipped: ${adapter.skipReason})` : ''}`, () => {
    let store: EventStore;
    beforeEach(() => (store = adapter.create()));
    afterEach(() => store.close());

    const linked = (events: RecordedEvent[]) =>
      events.every((event, i) => event.chain?.prevHash === (i === 0 ? GENESIS_HASH : events[i - 1].chain?.hash) && event.chain?.hash === eventHash(event, event.chain?.prevHash ?? ''));

    it('chains every event of a stream to the one before it, whatever the append stated', async () => {
      const id = stream();
      await store.append(id, [newEvent('A', { summary: '河川疏濬' }), newEvent('B')], 'no_stream');
      await store.append(id, [newEvent('C')], 1);
      await store.append(id, [newEvent('D')], 'any');
      const read = await store.readStream(id);
      expect(read.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
      expect(linked(read)).toBe(true);
      expect(read[0].chain?.prevHash).toBe(GENESIS_HASH);
      const [fromAll] = (await store.readAll(read[0].position - 1n, 1)).filter((e) => e.id === read[0].id);
      expect(fromAll?.chain).toEqual(read[0].chain);
    });

    it('keeps one chain when writers race, and a retried append writes the same links once', async () => {
      const id = stream();
      await store.append(id, [newEvent('A')], 'no_stream');
      await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(id, [newEvent(`W${i}`)], 'any')));
      const events = [newEvent('X'), newEvent('Y')];
      const first = await store.append(id, events, 8);
      expect(await store.append(id, events, 8)).toEqual(first);
      const read = await store.readStream(id);
      expect(read).toHaveLength(11);
      expect(linked(read)).toBe(true);
    });

    it('verifies as intact, against a checkpoint of every head', async () => {
      const ids = [stream('site'), stream(), stream('promotion')];
      for (const [i, id] of ids.entries()) await store.append(id, Array.from({ length: i + 1 }, (_, n) => newEvent(`E${n}`)), 'no_stream');
      const recorder = new AuditCheckpointRecorder(store);
      const checkpoint = await recorder.record('on_request', { actorId: 'u', unitId: null, at: new Date('2026-11-27T02:00:00Z') });
      await store.append(ids[0], [newEvent('After')], 0);
      const verdict = await verifyChains(store);
      expect(verdict).toMatchObject({ ok: true, checkpoint: { root: checkpoint.root, matches: true } });
      expect(verdict.firstBroken).toBeUndefined();
      expect(checkpoint.changedHeads.filter(([streamId]) => ids.includes(streamId)).map(([streamId, revision]) => [streamId, revision])).toEqual(ids.map((id, i) => [id, i]));
    });
  });
}

/**
 * What no server here can be made to do on demand (faults, system events, old versions, denied rights): shown
 * against the named EventStoreDB 24.10 double only. The README lists these as verified against the double.
 */
describe('eventstoredb adapter: behaviours shown on the EventStoreDB 24.10 double only', () => {
  const on = (double: EventStoreDb2410Double) => new EventStoreDbEventStore(double.connection());

  it('keeps positions beyond 2^53 exact, and reads after one without repeating it', async () => {
    const double = new EventStoreDb2410Double();
    const store = on(double);
    const id = stream();
    const { position } = await store.append(id, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
    expect(position > BigInt(Number.MAX_SAFE_INTEGER) * 1024n).toBe(true);
    const [a, b, c] = await store.readStream(id);
    expect(c.position).toBe(position);
    expect((await store.readAll(a.position, 10)).map((e) => e.type)).toEqual(['B', 'C']);
    expect((await store.readAll(b.position, 10)).map((e) => e.position)).toEqual([position]);
  });

  it('answers the head the product wrote however many system events trail it', async () => {
    const double = new EventStoreDb2410Double();
    const store = on(double);
    expect(await store.headPosition()).toBeNull();
    double.systemEvents(30);
    expect(await store.headPosition()).toBeNull();
    const { position } = await store.append(stream(), [newEvent('A')], 'no_stream');
    double.systemEvents(4570);
    const calls = double.calls.readAll;
    expect(await store.headPosition()).toBe(position);
    expect(double.calls.readAll - calls).toBe(1);
    expect((await store.readAll(null, 1000)).map((e) => e.type)).toEqual(['A']);
  });

  it('confirms an append whose answer was lost by reading it back, and writes it once', async () => {
    const double = new EventStoreDb2410Double();
    const store = on(double);
    const id = stream();
    await store.append(id, [newEvent('A')], 'no_stream');
    const events = [newEvent('B'), newEvent('C')];
    double.failNextAppend('deadline-after-write');
    const result = await store.append(id, events, 0);
    const read = await store.readStream(id);
    expect(result).toEqual({ revision: 2, position: read[2].position });
    expect(read.map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('answers "outcome unknown" when the append cannot be confirmed, and a retry then writes it once', async () => {
    const double = new EventStoreDb2410Double();
    const store = on(double);
    const id = stream();
    const events = [newEvent('A')];
    double.failNextAppend('deadline-before-write');
    await expect(store.append(id, events, 'no_stream')).rejects.toBeInstanceOf(AppendOutcomeUnknownError);
    double.failNextAppend('unavailable');
    await expect(store.append(id, events, 'no_stream')).rejects.toMatchObject({ code: 'APPEND_OUTCOME_UNKNOWN' });
    const first = await store.append(id, events, 'no_stream');
    expect(await store.append(id, events, 'no_stream')).toEqual({ revision: 0, position: first.position });
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('keeps one hash chain when several processes append to a stream without stating a revision', async () => {
    const double = new EventStoreDb2410Double();
    const id = stream();
    await on(double).append(id, [newEvent('A')], 'no_stream');
    await Promise.all(Array.from({ length: 6 }, (_, i) => on(double).append(id, [newEvent(`P${i}`)], 'any')));
    const read = await on(double).readStream(id);
    expect(read).toHaveLength(7);
    expect(read.every((event, i) => event.chain?.prevHash === (i === 0 ? GENESIS_HASH : read[i - 1].chain?.hash) && event.chain?.hash === eventHash(event, event.chain?.prevHash ?? ''))).toBe(true);
  });

  it('makes one identity for the log, however many processes ask first', async () => {
    const double = new EventStoreDb2410Double();
    const ids = await Promise.all([on(double).identity(), on(double).identity(), on(double).identity()]);
    expect(new Set(ids).size).toBe(1);
    expect(await on(double).identity()).toBe(ids[0]);
    expect(await on(new EventStoreDb2410Double()).identity()).not.toBe(ids[0]);
  });

  it('reads a page of some categories past 10,000 trailing events of others in one call: the server filters', async () => {
    const double = new EventStoreDb2410Double();
    const store = on(double);
    const wanted = await store.append(stream('reflection'), [newEvent('A')], 'no_stream');
    for (let i = 0; i < 20; i++) await store.append(stream('signin'), Array.from({ length: 500 }, () => newEvent('SignInFailed')), 'no_stream');
    double.systemEvents(300);
    const calls = double.calls.readAll;
    expect(await store.readAll(wanted.position, 1, { categories: ['reflection', 'site'] })).toEqual([]);
    expect((await store.readAll(null, 5, { categories: ['reflection'] })).map((event) => event.type)).toEqual(['A']);
    expect(double.calls.readAll - calls).toBe(2);
  });

  it('fails at once, as not written, an append the server turns away busy or not ready: no reading back', async () => {
    const double = new EventStoreDb2410Double();
    const store = on(double);
    const id = stream();
    const events = [newEvent('A')];
    for (const fault of ['busy', 'not-ready'] as const) {
      double.failNextAppend(fault);
      const reads = double.calls.readStream;
      await expect(store.append(id, events, 'no_stream')).rejects.toBeInstanceOf(LogBusyError);
      expect(double.calls.readStream).toBe(reads);
    }
    expect(await store.readStream(id)).toEqual([]);
    await store.append(id, events, 'no_stream');
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('rejects a subscription the server ends without an error, so that its consumer subscribes again; one stopped resolves', async () => {
    const double = new EventStoreDb2410Double();
    const store = on(double);
    const seen: string[] = [];
    const ended = store.subscribe(null, async (event) => void seen.push(event.type));
    await store.append(stream(), [newEvent('A')], 'no_stream');
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    double.endSubscriptions();
    await expect(ended.done).rejects.toBeInstanceOf(SubscriptionEndedError);
    const stopped = store.subscribe(null, async () => undefined);
    await stopped.stop();
    await expect(stopped.done).resolves.toBeUndefined();
  });

  it('refuses at start a server older than 22.10, or a user who may not read $all, with what to fix', async () => {
    const double = new EventStoreDb2410Double();
    await expect(on(double).checkServer()).resolves.toBeUndefined();
    double.version = '21.10.9.0';
    await expect(on(double).checkServer()).rejects.toThrow('EventStoreDB 21.10.9.0 is not supported: use 22.10 or later');
    double.version = 'unknown';
    await expect(on(double).checkServer()).rejects.toThrow('not supported');
    double.version = '24.10.0.0';
    double.allReadsDenied = true;
    await expect(on(double).checkServer()).rejects.toThrow('may not read $all');
  });
});
