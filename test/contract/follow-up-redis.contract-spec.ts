import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { BullMqFollowUpQueue, REMINDER_QUEUE, reminderJobId, ReminderReconciler, type ScheduledReminder } from '@integrity/follow-up';
import { EmbeddedReadModelStore } from '@integrity/read-models';
import { DEFAULT_DEADLINE_POLICY, pendingReminders, taipeiDateOf, TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { SqliteEventStore, type EventStore } from '@integrity/event-store';
import { eventsFile, FIXED_NOW, openObligations, projectAll, senderOn } from '../support/reminder-fixture';
import { flushPrefix, privateRedis, REDIS_URL, testPrefix } from '../support/redis';
import { freePort } from '../support/free-port';
import { until } from '../support/polling';
import { tempDir } from '../support/temp-dir';

const deadlinesFor = async () => ({ policy: DEFAULT_DEADLINE_POLICY, calendar: TAIWAN_OFFICE_CALENDAR });
const queueOn = (prefix: string, options: { lockDurationMs?: number; stalledIntervalMs?: number } = {}) =>
  new BullMqFollowUpQueue({ redisUrl: REDIS_URL, prefix, clock: () => FIXED_NOW.getTime(), ...options });

async function issued(events: EventStore): Promise<{ id: string; stage: string }[]> {
  const all = await events.readAll(null, 100_000, { categories: ['reflection'] });
  return all.filter((e) => e.type === 'FollowUpReminderIssued').map((e) => ({ id: `${e.streamId}/${e.data.obligationId}`, stage: String(e.data.stage) }));
}

const WAIT_CEILING_MS = 20_000;

describe('follow-up control on the real Redis', () => {
  const dir = tempDir('follow-up-redis');
  const prefixes: string[] = [];
  const prefix = (name: string) => {
    const p = testPrefix(name);
    prefixes.push(p);
    return p;
  };
  afterAll(async () => {
    for (const p of prefixes) await flushPrefix(p);
    dir.remove();
  });

  it('after FLUSHALL, one reconcile schedules again exactly the reminders of 1,000 open obligations that go out within the hour', async () => {
    const events = new SqliteEventStore({ file: join(dir.path, 'flush.sqlite') });
    // Received long ago: each obligation has one catch-up to send now and its next escalation a week on.
    await openObligations(events, 500, '2026-10-01');
    const store = new EmbeddedReadModelStore(join(dir.path, 'flush-read-models.sqlite'));
    const readModels = await projectAll(events, store);
    expect(await (await readModels.current()).followUps.countDocuments({ state: 'open' })).toBe(1000);
    const keys = prefix('flush');
    const queue = queueOn(keys);
    const reconciler = new ReminderReconciler(readModels, queue, deadlinesFor, async () => [], () => FIXED_NOW);

    const first = await reconciler.reconcile();
    expect(first).toMatchObject({ pending: 2000, queued: 1000, scheduled: 1000 });
    expect(await queue.stats()).toMatchObject({ waiting: 1000, delayed: 0 });
    expect(await flushPrefix(keys)).toBeGreaterThan(0);
    expect((await queue.stats()).waiting).toBe(0);

    const again = await reconciler.reconcile();
    expect(again).toMatchObject({ pending: 2000, queued: 1000, scheduled: 1000 });
    expect(await queue.stats()).toMatchObject({ waiting: 1000, delayed: 0, active: 0 });
    expect((await reconciler.reconcile()).scheduled).toBe(0);
    await queue.close();
    await events.close();
    await store.close();
  });

  it('queues exactly the reminders planned one obligation at a time that go out within the hour, every one of them before it goes out, and after a partial loss only what was lost', async () => {
    const file = join(dir.path, 'exact.sqlite');
    const events = new SqliteEventStore({ file });
    // Due long ago (past stages collapse into one catch-up), due around now, and due later, across three units.
    for (const receivedOn of ['2026-09-01', '2026-11-10', '2026-11-26']) await openObligations(events, 150, receivedOn, 3);
    const store = new EmbeddedReadModelStore(join(dir.path, 'exact-read-models.sqlite'));
    let readModels = await projectAll(events, store);
    const keys = prefix('exact');
    let now = FIXED_NOW;
    const queue = new BullMqFollowUpQueue({ redisUrl: REDIS_URL, prefix: keys, clock: () => now.getTime() });
    // Open obligations read 97 at a time: pages that end amid obligations due the same day.
    const reconciler = new ReminderReconciler(readModels, queue, deadlinesFor, async () => [], () => now, undefined, 97);
    // Some reminders already issued, so that obligations differ in what is left to send.
    const connection = new IORedis(REDIS_URL);
    const bull = new Queue(REMINDER_QUEUE, { connection, prefix: keys });
    await reconciler.reconcile();
    const { sender, close } = senderOn(file);
    const sent = (await bull.getJobs(['wait'], 0, 59)).map((job) => job.data as ScheduledReminder);
    for (const reminder of sent) await sender.send(reminder);
    await close();
    // Each job goes back to the request that opened its obligation: the job carries its correlation id, and the
    // reminder's event records it.
    const opening = new Map((await events.readAll(null, 100_000, { categories: ['reflection'] })).filter((e) => e.type === 'ReflectionReceived').map((e) => [e.streamId, e.metadata.correlationId]));
    expect(sent.map((reminder) => reminder.correlationId)).toEqual(sent.map((reminder) => opening.get(`reflection-${'reflectionId' in reminder ? reminder.reflectionId : ''}`)));
    const issuedEvents = (await events.readAll(null, 100_000, { categories: ['reflection'] })).filter((e) => e.type === 'FollowUpReminderIssued');
    expect(issuedEvents).toHaveLength(60);
    expect(issuedEvents.every((e) => e.metadata.correlationId === opening.get(e.streamId))).toBe(true);
    readModels = await projectAll(events, store);
    await flushPrefix(keys);

    /** Every pending reminder as the reconciler planned them before the horizon: obligation by obligation, reminder by reminder. */
    const open = await (await readModels.current()).followUps.find({ state: 'open' });
    const planAt = (at: Date) =>
      open.flatMap((doc) =>
        // Copies of the policy and calendar: send dates counted afresh, none remembered from an earlier obligation.
        pendingReminders({ id: doc.obligationId, kind: doc.kind, party: doc.party, dueOn: doc.dueOn, state: doc.state }, doc.remindersIssued, { ...DEFAULT_DEADLINE_POLICY }, { ...TAIWAN_OFFICE_CALENDAR }, taipeiDateOf(at)).map(({ stage, sendOn }) => {
          const job = { reflectionId: doc.reflectionId, unitId: doc.unitId, obligationId: doc.obligationId, stage };
          return { ...job, id: reminderJobId(job), sendAt: Date.parse(`${sendOn}T01:00:00.000Z`), correlationId: doc.openedBy as string };
        }),
      );
    const withinTheHour = (plan: ScheduledReminder[], at: Date) => plan.filter((reminder) => reminder.sendAt <= at.getTime() + 3600_000);
    const inQueue = async () => (await bull.getJobs(['wait', 'delayed'])).map((job) => ({ ...(job.data as ScheduledReminder), jobId: job.id, delay: job.delay }));
    const byId = <T extends { id: string }>(jobs: T[]) => [...jobs].sort((a, b) => a.id.localeCompare(b.id));
    const asScheduled = (jobs: ScheduledReminder[], at: Date) => byId(jobs).map((job) => ({ ...job, jobId: job.id, delay: Math.max(0, job.sendAt - at.getTime()) }));

    expect(new Set(open.map((doc) => doc.remindersIssued.length)).size).toBeGreaterThan(1);
    const plan = planAt(FIXED_NOW);
    const dueNow = withinTheHour(plan, FIXED_NOW);
    expect(dueNow.length).toBeGreaterThan(0);
    expect(dueNow.length).toBeLessThan(plan.length);
    expect(await reconciler.reconcile()).toMatchObject({ pending: plan.length, queued: dueNow.length, scheduled: dueNow.length });
    expect(byId(await inQueue())).toEqual(asScheduled(dueNow, FIXED_NOW));

    const lost = await bull.getJobs(['wait'], 0, 9);
    for (const job of lost) await job.remove();
    expect(await reconciler.reconcile()).toMatchObject({ pending: plan.length, queued: dueNow.length, scheduled: lost.length });
    expect(byId(await inQueue())).toEqual(asScheduled(dueNow, FIXED_NOW));

    // Every later reminder of the plan is in the queue, with its id and send time, 50 minutes before it goes out:
    // the full reconciles of that hour (every 10 minutes) queue it.
    const sendTimes = [...new Set(plan.map((reminder) => reminder.sendAt))].filter((sendAt) => sendAt > FIXED_NOW.getTime() + 3600_000).sort((a, b) => a - b);
    expect(sendTimes.length).toBeGreaterThan(3);
    for (const sendAt of sendTimes) {
      await flushPrefix(keys);
      now = new Date(sendAt - 50 * 60_000);
      const planned = planAt(now);
      const queued = withinTheHour(planned, now);
      // It answers when to reconcile again: as the earliest reminder it left out comes within the hour.
      const leftOut = planned.filter((reminder) => !queued.includes(reminder)).map((reminder) => reminder.sendAt);
      expect(await reconciler.reconcile()).toMatchObject({ queued: queued.length, scheduled: queued.length, reconcileBy: Math.min(...leftOut) - 3600_000 });
      const jobs = byId(await inQueue());
      expect(jobs).toEqual(asScheduled(queued, now));
      expect(jobs).toEqual(expect.arrayContaining(asScheduled(plan.filter((reminder) => reminder.sendAt === sendAt), now)));
    }
    await bull.close();
    connection.disconnect();
    await queue.close();
    await events.close();
    await store.close();
  });

  it('two workers on the same queue never issue the same reminder twice', async () => {
    const file = join(dir.path, 'two-workers.sqlite');
    const setup = new SqliteEventStore({ file });
    await openObligations(setup, 100, '2026-10-01');
    const store = new EmbeddedReadModelStore(join(dir.path, 'two-workers-read-models.sqlite'));
    const readModels = await projectAll(setup, store);
    const keys = prefix('two');
    const workers = [senderOn(file), senderOn(file)];
    const queues = [queueOn(keys), queueOn(keys)];
    const handled = [0, 0];
    for (const [i, queue] of queues.entries()) {
      await queue.process(
        async (r) => {
          handled[i]++;
          await workers[i].sender.send(r);
        },
        { concurrency: 4 },
      );
    }
    await Promise.all(queues.map((queue) => new ReminderReconciler(readModels, queue, deadlinesFor, async () => [], () => FIXED_NOW).reconcile()));

    // Received 10/1: each obligation's missed stages collapse into its latest escalation, sent now.
    await until(async () => (await issued(setup)).length >= 200, '200 reminders', WAIT_CEILING_MS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = await issued(setup);
    expect(sent).toHaveLength(200);
    expect(new Set(sent.map((s) => `${s.id}/${s.stage}`)).size).toBe(200);
    expect(handled.every((count) => count > 0)).toBe(true);
    for (const queue of queues) await queue.close();
    for (const worker of workers) await worker.close();
    await setup.close();
    await store.close();
  });

  it('a worker killed mid-job has its job completed by another, once', async () => {
    const file = eventsFile(join(dir.path));
    const setup = new SqliteEventStore({ file });
    const [reflectionId] = await openObligations(setup, 1, '2026-10-01');
    const keys = prefix('kill');
    const child = fork(join(__dirname, '../support/reminder-worker-process.js'), [file, REDIS_URL, keys], { stdio: 'ignore' });
    const messages: Record<string, unknown>[] = [];
    child.on('message', (message: Record<string, unknown>) => messages.push(message));
    await until(async () => messages.some((m) => m.ready), 'the child worker', WAIT_CEILING_MS);

    const producer = queueOn(keys);
    const job = { reflectionId, unitId: 'unit-1', obligationId: 'citizen_reply:0', stage: 'escalation_4' };
    await producer.schedule([{ ...job, id: `reminder-${reflectionId}-citizen_reply.0-escalation_4`, sendAt: FIXED_NOW.getTime() }]);
    await until(async () => messages.some((m) => m.sent), 'the child to send the reminder', WAIT_CEILING_MS);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await issued(setup)).toHaveLength(1);

    const rescuer = senderOn(file);
    const taken: string[] = [];
    const backup = queueOn(keys, { lockDurationMs: 1000, stalledIntervalMs: 500 });
    await backup.process(
      async (r) => {
        taken.push(r.id);
        await rescuer.sender.send(r);
      },
      { concurrency: 1 },
    );
    await until(async () => (await backup.stats()).completed === 1, 'the stalled job to be completed by the other worker', WAIT_CEILING_MS);
    expect(taken).toHaveLength(1);
    expect(await issued(setup)).toHaveLength(1);
    await backup.close();
    await producer.close();
    await rescuer.close();
    await setup.close();
  });

  it('closes while Redis is down and just after it came back: a shutdown never waits on a reconnection', async () => {
    const port = await freePort();
    let redis = await privateRedis(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    /** The queue's close, or the word "hung" once it has taken far longer than a close should. */
    const closing = (queue: BullMqFollowUpQueue) => Promise.race([queue.close().then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, 30_000, 'hung').unref())]);
    /**
     * A queue with a repeat and a reminder worker, on a Redis stopped while a reminder is being sent: the send ends
     * with Redis gone, so its job's completion waits in ioredis for Redis to come back.
     */
    const workingThenStopped = async () => {
      const queue = new BullMqFollowUpQueue({ redisUrl, prefix: prefix('closing') });
      let started: () => void = () => undefined;
      const sending = new Promise<void>((resolve) => (started = resolve));
      let finish: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      await queue.repeat('closing-probe', 60_000, async () => undefined);
      await queue.process(async () => {
        started();
        await finished;
      }, { concurrency: 2 });
      const job = { reflectionId: '00000000-0000-4000-8000-000000000001', unitId: 'unit-1', obligationId: 'citizen_reply:0', stage: 'due' };
      await queue.schedule([{ ...job, id: reminderJobId(job), sendAt: Date.now() }]);
      await sending;
      redis.kill('SIGKILL');
      await until(async () => (await queue.health()).status === 'down', 'the queue to see Redis gone');
      finish();
      // Long enough for every connection to have lost its socket and to be waiting for its next attempt.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return queue;
    };
    try {
      expect(await closing(await workingThenStopped())).toBe('closed');
      redis = await privateRedis(port);
      const backSoon = await workingThenStopped();
      redis = await privateRedis(port);
      expect(await closing(backSoon)).toBe('closed');
    } finally {
      redis.kill('SIGKILL');
    }
  }, 120_000);
});
