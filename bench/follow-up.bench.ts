import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { DEFAULT_DEADLINE_POLICY, TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { CommandHandling, SqliteEventStore } from '@integrity/event-store';
import { BullMqFollowUpQueue, ReminderReconciler, ReminderSender, type ScheduledReminder } from '@integrity/follow-up';
import { PersonalDataVault, ReadModelPersonalDataKeyStore } from '@integrity/identity';
import { ActiveReadModels, EmbeddedReadModelStore } from '@integrity/read-models';
import { ReflectionEventCodec } from '@integrity/reflections';
import { rebuildReadModels } from '../apps/worker/src/projector/rebuild-read-models';
import { figure } from './figures';
import { openObligations } from './history-generator';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const NOW = new Date('2026-11-27T02:00:00Z');
const deadlines = { policy: DEFAULT_DEADLINE_POLICY, calendar: TAIWAN_OFFICE_CALENDAR };

async function flush(prefix: string): Promise<void> {
  const redis = new IORedis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/** The queue as the product runs it, keeping what the last reconcile asked it to schedule; or only keeping it. */
class RecordingQueue extends BullMqFollowUpQueue {
  scheduled: ScheduledReminder[] = [];
  onlyRecord = false;

  override async schedule(reminders: ScheduledReminder[]): Promise<number> {
    this.scheduled = reminders;
    return this.onlyRecord ? 0 : super.schedule(reminders);
  }
}

/** The morning (send time) with the most reminders going out, in the whole plan: the reconcile's heaviest hour. */
async function busiestMorning(readModels: ActiveReadModels, queue: RecordingQueue): Promise<{ sendAt: number; planned: number }> {
  queue.onlyRecord = true;
  const { pending } = await new ReminderReconciler(readModels, queue, async () => deadlines, async () => [], () => NOW, Infinity).reconcile();
  queue.onlyRecord = false;
  const byMorning = new Map<number, number>();
  for (const reminder of queue.scheduled) byMorning.set(reminder.sendAt, (byMorning.get(reminder.sendAt) ?? 0) + 1);
  const [sendAt] = [...byMorning].sort((a, b) => b[1] - a[1])[0];
  return { sendAt, planned: pending };
}

/** Seconds plain BullMQ takes to add these jobs, with the same ids and delays, into an empty queue. */
async function plainAddBulk(prefix: string, reminders: ScheduledReminder[], now: number): Promise<number> {
  const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  const plain = new Queue('plain-add', { connection, prefix });
  const started = process.hrtime.bigint();
  for (let i = 0; i < reminders.length; i += 1000) {
    await plain.addBulk(reminders.slice(i, i + 1000).map((job) => ({ name: 'reminder', data: job, opts: { jobId: job.id, delay: Math.max(0, job.sendAt - now) } })));
  }
  const took = seconds(started);
  await plain.close();
  connection.disconnect();
  await flush(prefix);
  return took;
}

/** Reconciling 100,000 open obligations, and reminders issued per second through BullMQ beside plain BullMQ. */
export async function benchFollowUp(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-fu-'));
  const prefix = `integrity-bench-${randomUUID().slice(0, 8)}`;
  try {
    const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await openObligations(events, 50_000, '2026-11-26', 20);
    const store = new EmbeddedReadModelStore(join(dir, 'read-models.sqlite'));
    await rebuildReadModels(events, store, null, () => NOW);
    const readModels = new ActiveReadModels(store);
    const open = await (await readModels.current()).followUps.countDocuments({ state: 'open' });
    // At 08:10 in Taipei on the busiest morning: the reconcile queues every reminder going out at 09:00.
    let now = NOW;
    const queue = new RecordingQueue({ redisUrl: REDIS_URL, prefix, clock: () => now.getTime() });
    const busiest = await busiestMorning(readModels, queue);
    now = new Date(busiest.sendAt - 50 * 60_000);
    const reconciler = new ReminderReconciler(readModels, queue, async () => deadlines, async () => [], () => now);
    let started = process.hrtime.bigint();
    const first = await reconciler.reconcile();
    const firstSeconds = seconds(started);
    started = process.hrtime.bigint();
    await reconciler.reconcile();
    const steadySeconds = seconds(started);
    const plainSeconds = await plainAddBulk(`${prefix}-plain-add`, queue.scheduled, now.getTime());
    await flush(prefix);
    // At an hour when nothing goes out: the reconcile only plans.
    now = NOW;
    started = process.hrtime.bigint();
    const quiet = await reconciler.reconcile();
    const quietSeconds = seconds(started);
    const thousands = (n: number) => n.toLocaleString('en');
    console.log(`Follow-up reminders (BullMQ on Redis at ${REDIS_URL.replace(/\/\/.*@/, '//')})`);
    console.log(`  ${thousands(open)} open obligations, ${thousands(busiest.planned)} reminders pending; the queue holds those going out within the hour`);
    console.log(`  reconcile into an empty queue, 50 min before the busiest morning: ${firstSeconds.toFixed(1)} s (${thousands(first.scheduled)} reminders scheduled; target < 5 s)`);
    console.log(`    plain BullMQ addBulk of the same ${thousands(queue.scheduled.length)} delayed jobs, 1,000 a call: ${plainSeconds.toFixed(1)} s`);
    console.log(`  reconcile again, nothing missing:                                ${steadySeconds.toFixed(1)} s (target < 2 s)`);
    console.log(`  reconcile into an empty queue at an hour when none go out:       ${quietSeconds.toFixed(1)} s (${thousands(quiet.queued)} reminders queued)`);
    const extras = { openObligations: open, pendingReminders: busiest.planned };
    figure('reconcile.100k.empty_queue_s', firstSeconds, 's', { ...extras, scheduled: first.scheduled, baseline: plainSeconds, baselineIs: 'plain BullMQ addBulk of the same jobs', target: '< 5' });
    figure('reconcile.100k.nothing_missing_s', steadySeconds, 's', { ...extras, queued: first.queued, target: '< 2' });
    figure('reconcile.100k.none_going_out_s', quietSeconds, 's', { ...extras, queued: quiet.queued });
    await queue.close();
    await flush(prefix);

    // Reminders issued through the real path (BullMQ job → decider → event appended) beside plain BullMQ.
    const count = 3000;
    const sendEvents = new SqliteEventStore({ file: join(dir, 'send.sqlite') });
    await openObligations(sendEvents, count, '2026-10-01', 20);
    const sender = new ReminderSender(new CommandHandling(sendEvents), new ReflectionEventCodec(new PersonalDataVault(new ReadModelPersonalDataKeyStore(store))), { forStage: async () => ['officer'] }, async () => true, { now: () => NOW });
    const reflections = await sendEvents.readAll(null, count * 3, { categories: ['reflection'] });
    const jobs: ScheduledReminder[] = reflections
      .filter((e) => e.type === 'ReflectionReceived')
      .map((e) => {
        const job = { reflectionId: String(e.data.reflectionId), unitId: String(e.data.unitId), obligationId: 'citizen_reply:0', stage: 'escalation_4' };
        return { ...job, id: `reminder-${job.reflectionId}-citizen_reply.0-escalation_4`, sendAt: 0 };
      });
    const real = new BullMqFollowUpQueue({ redisUrl: REDIS_URL, prefix: `${prefix}-real`, clock: () => NOW.getTime() });
    let done = 0;
    const allSent = new Promise<void>((resolve) =>
      void real.process(
        async (reminder) => {
          await sender.send(reminder);
          if (++done === count) resolve();
        },
        { concurrency: 16 },
      ),
    );
    started = process.hrtime.bigint();
    await real.schedule(jobs);
    await allSent;
    const realRate = count / seconds(started);
    await real.close();

    const connection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    const plainQueue = new Queue('plain', { connection, prefix: `${prefix}-plain` });
    let plainDone = 0;
    let finish: () => void = () => undefined;
    const plainFinished = new Promise<void>((resolve) => (finish = resolve));
    const workerConnection = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker('plain', async () => void (++plainDone === count && finish()), { connection: workerConnection, prefix: `${prefix}-plain`, concurrency: 16 });
    started = process.hrtime.bigint();
    await plainQueue.addBulk(jobs.map((job) => ({ name: 'reminder', data: job, opts: { jobId: job.id } })));
    await plainFinished;
    const plainRate = count / seconds(started);
    await worker.close();
    await plainQueue.close();
    connection.disconnect();
    workerConnection.disconnect();
    console.log(`  reminders issued through BullMQ (event appended each): ${Math.round(realRate).toLocaleString('en')}/s`);
    console.log(`  plain BullMQ add + no-op process, same ${count} jobs:   ${Math.round(plainRate).toLocaleString('en')}/s  (ratio ${(realRate / plainRate).toFixed(2)})`);
    figure('reminders.ratio_to_plain_bullmq', realRate / plainRate, 'ratio', { baseline: plainRate, target: '≥ 0.8' });
    await sendEvents.close();
    await events.close();
    await store.close();
  } finally {
    await flush(prefix);
    await flush(`${prefix}-real`);
    await flush(`${prefix}-plain`);
    rmSync(dir, { recursive: true, force: true });
  }
}
