import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EventStoreDbEventStore, type NewEvent } from '@integrity/event-store';
import { ActiveReadModels, EmbeddedReadModelStore } from '@integrity/read-models';
import { ProjectionLagProbe } from '../../apps/api/src/http/projection-lag';
import { Projector } from '../../apps/worker/src/projector/projector';
import { rebuildReadModels } from '../../apps/worker/src/projector/rebuild-read-models';
import { EventStoreDb2410Double } from '../support/eventstoredb-24-10-double';
import { tempDir } from '../support/temp-dir';

const fact = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  schemaVersion: 1,
  data: {},
  metadata: { actorId: 'user-1', unitId: 'unit-1', correlationId: randomUUID(), causationId: null, occurredAt: '2026-11-27T02:00:00.000Z' },
});
const clock = { now: () => new Date('2026-11-27T02:00:05.000Z') };

/** What breaks on real servers and not on the embedded stores, shown on the EventStoreDB 24.10 double (see README). */
describe('production stores', () => {
  const dir = tempDir('production-stores');
  afterAll(() => dir.remove());

  it('measures readiness past 10,000 trailing events of other categories and 3,000 of the server’s own in at most two store calls', async () => {
    const double = new EventStoreDb2410Double();
    const events = new EventStoreDbEventStore(double.connection());
    const readModels = new EmbeddedReadModelStore(join(dir.path, 'readiness.sqlite'));
    try {
      await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      await rebuildReadModels(events, readModels, null, clock.now);
      for (let i = 0; i < 20; i++) await events.append(`signin-${randomUUID()}`, Array.from({ length: 500 }, () => fact('SignInFailed')), 'no_stream');
      double.systemEvents(3000);
      const active = new ActiveReadModels(readModels);
      const probe = new ProjectionLagProbe(events, active, clock);

      let calls = double.calls.readAll + double.calls.readStream;
      const behind = await probe.measure();
      expect(behind).toMatchObject({ caughtUp: false, lagSeconds: 5 });
      expect(double.calls.readAll + double.calls.readStream - calls).toBeLessThanOrEqual(2);

      await rebuildReadModels(events, readModels, null, clock.now);
      active.refresh();
      calls = double.calls.readAll + double.calls.readStream;
      expect(await probe.measure()).toMatchObject({ caughtUp: true, lagSeconds: 0 });
      expect(double.calls.readAll + double.calls.readStream - calls).toBeLessThanOrEqual(2);
    } finally {
      await readModels.close();
    }
  });

  it('subscribes again when the server ends the projector’s subscription without an error, and projects what follows', async () => {
    const double = new EventStoreDb2410Double();
    const events = new EventStoreDbEventStore(double.connection());
    const readModels = new EmbeddedReadModelStore(join(dir.path, 'projector.sqlite'));
    const active = new ActiveReadModels(readModels);
    const projector = new Projector(events, readModels, active, clock);
    try {
      await projector.onApplicationBootstrap();
      const first = await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      expect(await active.caughtUpWith(first.position, 10_000)).toBe(true);
      double.endSubscriptions();
      const next = await events.append(`reflection-${randomUUID()}`, [fact('ReflectionNoted')], 'no_stream');
      expect(await active.caughtUpWith(next.position, 20_000)).toBe(true);
      expect(double.calls.subscribeToAll).toBe(2);
    } finally {
      await projector.onApplicationShutdown();
      await readModels.close();
    }
  });
});
