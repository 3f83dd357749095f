import { BullMqFollowUpQueue, EmbeddedFollowUpQueue, reminderJobId, type FollowUpQueue, type ScheduledReminder } from '@integrity/follow-up';
import { flushPrefix, REDIS_URL, testPrefix } from '../support/redis';

const prefixes: string[] = [];
const adapters: { name: string; create: () => FollowUpQueue }[] = [
  { name: 'embedded', create: () => new EmbeddedFollowUpQueue() },
  {
    name: 'bullmq',
    create: () => {
      const prefix = testPrefix('queue');
      prefixes.push(prefix);
      return new BullMqFollowUpQueue({ redisUrl: REDIS_URL, prefix });
    },
  },
];
afterAll(async () => {
  for (const prefix of prefixes) await flushPrefix(prefix);
});

const reminder = (n: number, sendAt: number): ScheduledReminder => {
  const job = { reflectionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, unitId: 'unit-1', obligationId: 'citizen_reply:0', stage: 'due' };
  return { ...job, id: reminderJobId(job), sendAt };
};

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const adapter of adapters) {
  describe(`follow-up queue contract: ${adapter.name}`, () => {
    let queue: FollowUpQueue;
    beforeEach(() => (queue = adapter.create()));
    afterEach(() => queue.close());

    it('answers its health at once, and says once that it starts without data', async () => {
      expect(await queue.health()).toEqual({ status: 'up' });
      expect(await queue.lostItsData()).toBe(true);
      expect(await queue.lostItsData()).toBe(false);
      await queue.restoreRepeats();
    });

    it('sends each reminder once at its time, however often it is scheduled', async () => {
      const sent: string[] = [];
      await queue.process(async (r) => void sent.push(r.id), { concurrency: 2 });
      const later = reminder(1, Date.now() + 400);
      const now = reminder(2, Date.now() - 1000);
      expect(await queue.schedule([later, now, now])).toBe(2);
      expect(await queue.schedule([later])).toBe(0);
      await settle(150);
      expect(sent).toEqual([now.id]);
      for (let i = 0; i < 50 && sent.length < 2; i++) await settle(100);
      expect(sent).toEqual([now.id, later.id]);
      await settle(200);
      expect(sent).toHaveLength(2);
      expect((await queue.stats()).completed).toBe(2);
    });

    it('retries a reminder whose sending failed, with backoff', async () => {
      let calls = 0;
      await queue.process(
        async () => {
          calls++;
          if (calls < 3) throw new Error('SMTP unreachable');
        },
        { concurrency: 1 },
      );
      await queue.schedule([reminder(3, Date.now())]);
      for (let i = 0; i < 80 && calls < 3; i++) await settle(100);
      expect(calls).toBe(3);
      await settle(100);
      const stats = await queue.stats();
      expect([stats.completed, stats.failed]).toEqual([1, 0]);
    });

    it('counts what waits', async () => {
      await queue.schedule([reminder(4, Date.now() + 60_000), reminder(5, Date.now() + 120_000)]);
      expect(await queue.stats()).toMatchObject({ delayed: 2, active: 0, failed: 0 });
    });
  });
}
