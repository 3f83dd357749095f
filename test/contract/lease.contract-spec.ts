import { randomUUID } from 'node:crypto';
import { FencedError, Leadership, MongoDbLease, RedisLease, type Lease } from '@integrity/lease';
import { mongoDbTargets } from '../support/mongodb-targets';
import { until } from '../support/polling';
import { REDIS_URL, flushPrefix, testPrefix } from '../support/redis';

const prefix = testPrefix('lease');
const adapters = [
  { name: 'redis', skipReason: null, double: null, create: (name: string): Lease => new RedisLease(REDIS_URL, prefix, name) },
  ...mongoDbTargets().map((target) => ({ ...target, create: (name: string): Lease => new MongoDbLease(target.uri(), name) })),
];
afterAll(() => flushPrefix(prefix));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const adapter of adapters) {
  const suite = adapter.skipReason ? describe.skip : describe;
  if (adapter.skipReason) console.log(`lease contract: ${adapter.name} skipped (${adapter.skipReason})`);

  suite(`lease contract: ${adapter.name}${adapter.skipReason ? ` (skipped: ${adapter.skipReason})` : ''}`, () => {
    let leases: Lease[];
    let name: string;
    const open = () => {
      const lease = adapter.create(name);
      leases.push(lease);
      return lease;
    };
    beforeEach(() => {
      leases = [];
      name = `worker-${randomUUID().slice(0, 8)}`;
    });
    afterEach(() => Promise.all(leases.map((lease) => lease.close())));

    it('lets one holder at a time hold it, renew it, and give it up', async () => {
      const [a, b] = [open(), open()];
      expect(await a.holder()).toBeNull();
      expect(await a.hold('worker-a', 5_000)).not.toBeNull();
      expect(await b.hold('worker-b', 5_000)).toBeNull();
      expect(await a.hold('worker-a', 5_000)).not.toBeNull();
      expect(await b.holder()).toBe('worker-a');
      await b.release('worker-b');
      expect(await a.holder()).toBe('worker-a');
      await a.release('worker-a');
      expect(await a.holder()).toBeNull();
      expect(await b.hold('worker-b', 5_000)).not.toBeNull();
    });

    it('lapses when its holder stops renewing, and another takes it', async () => {
      const [a, b] = [open(), open()];
      expect(await a.hold('worker-a', 300)).not.toBeNull();
      expect(await b.hold('worker-b', 300)).toBeNull();
      await sleep(1_200);
      expect(await b.holder()).toBeNull();
      expect(await b.hold('worker-b', 5_000)).not.toBeNull();
      expect(await a.hold('worker-a', 5_000)).toBeNull();
    });

    it('goes to exactly one of many holders racing for it', async () => {
      const contenders = Array.from({ length: 8 }, () => open());
      const won = await Promise.all(contenders.map((lease, i) => lease.hold(`worker-${i}`, 5_000)));
      const winners = won.flatMap((epoch, i) => (epoch === null ? [] : [i]));
      expect(winners).toHaveLength(1);
      expect(await contenders[0].holder()).toBe(`worker-${winners[0]}`);
    });

    it('carries an epoch that grows at every change of hands and stays while one holder extends it', async () => {
      const [a, b] = [open(), open()];
      const first = (await a.hold('worker-a', 5_000)) as number;
      expect(first).toEqual(expect.any(Number));
      expect(await a.hold('worker-a', 5_000)).toBe(first);
      await a.release('worker-a');
      const second = (await b.hold('worker-b', 300)) as number;
      expect(second).toBeGreaterThan(first);
      await sleep(1_200);
      // Lapsed: taken again, even by the same holder, it is a new epoch (another may have held it meanwhile).
      const third = (await b.hold('worker-b', 5_000)) as number;
      expect(third).toBeGreaterThan(second);
      expect(await a.hold('worker-a', 5_000)).toBeNull();
    });

    it('fences a leader paused past its lease: its first step after refuses, and the next leader writes with a greater epoch', async () => {
      const timings = { ttlMs: 1_000, renewEveryMs: 200 };
      const leader = new Leadership(open(), 'worker-paused', timings);
      await leader.lead();
      let lostReason: string | null = null;
      leader.keep((reason) => (lostReason = reason));
      const epoch = leader.epoch();
      // The whole process stops (a long GC, a VM paused): no timer, no renewal runs.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_300);
      expect(() => leader.epoch()).toThrow(FencedError);
      await until(() => lostReason !== null, 'the watchdog to tell the leader');
      const next = new Leadership(open(), 'worker-next', timings);
      expect(await next.lead()).toBe(true);
      expect(next.epoch()).toBeGreaterThan(epoch);
      expect(() => leader.epoch()).toThrow(FencedError);
      await next.release();
    });

    if (adapter.double) {
      const double = adapter.double;
      it('stops leading when the lease is not confirmed in time, whether or not the renewal ever answers (a store that hangs)', async () => {
        const timings = { ttlMs: 1_500, renewEveryMs: 200 };
        const leader = new Leadership(open(), 'worker-hung', timings);
        await leader.lead();
        let lostReason: string | null = null;
        leader.keep((reason) => (lostReason = reason));
        double.holdReplies(60_000);
        try {
          await until(() => lostReason !== null, 'the watchdog to stop the leader');
          expect(() => leader.epoch()).toThrow(FencedError);
        } finally {
          double.holdReplies(0);
        }
      });
    }

    it('hands leadership to a standby once the leader releases it, and tells a leader that lost it', async () => {
      const timings = { ttlMs: 3_000, renewEveryMs: 200 };
      const first = new Leadership(open(), 'worker-first', timings);
      const second = new Leadership(open(), 'worker-second', timings);
      await first.lead();
      const seen: (string | null)[] = [];
      let secondLeads = false;
      const standing = second.lead((leader) => seen.push(leader)).then((leads) => (secondLeads = leads));
      let lostReason: string | null = null;
      first.keep((reason) => (lostReason = reason));
      await until(() => seen.length > 0, 'the standby to see the leader');
      await sleep(4_000);
      expect(secondLeads).toBe(false);
      expect(seen).toEqual(['worker-first']);
      await first.release();
      await standing;
      expect(secondLeads).toBe(true);
      expect(lostReason).toBeNull();

      // The lease lapsed under a leader (it stalled past expiry) and another took it: the leader hears so.
      second.keep((reason) => (lostReason = reason));
      const thief = open();
      await thief.release('worker-second');
      expect(await thief.hold('worker-thief', 5_000)).not.toBeNull();
      await until(() => lostReason !== null, 'the leader to hear it lost the lease');
      expect(lostReason).toBe('the lease is held by worker-thief');
    });

    it('lets a standby told to stop end without leading, and without keeping the lease', async () => {
      const timings = { ttlMs: 3_000, renewEveryMs: 100 };
      const leader = open();
      expect(await leader.hold('worker-leader', 3_000)).not.toBeNull();
      const standby = new Leadership(open(), 'worker-standby', timings);
      const standing = standby.lead();
      await sleep(250);
      await standby.release();
      await leader.release('worker-leader');
      expect(await standing).toBe(false);
      await sleep(300);
      expect(await leader.holder()).toBeNull();
    });
  });
}
