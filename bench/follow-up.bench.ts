import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import { DEFAULT_DEADLINE_POLICY, taipeiDateOf, TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { CommandHandling, SqliteEventStore } from '@integrity/event-store';
import { BullMqFollowUpQueue, ReminderReconciler, ReminderSender, type ScheduledReminder } from '@integrity/follow-up';
import { PersonalDataVault, ReadModelPersonalDataKeyStore } from '@integrity/identity';
import { ActiveReadModels, EmbeddedReadModelStore, rebuildReadModels } from '@integrity/read-models';
import { ReflectionEventCodec } from '@integrity/reflections';
import { figure } from './figures';
import { openObligations, openObligationsOver } from './history-generator';

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

/** The next morning on which reminders go out after NOW, and how many reminders are pending in all. */
async function nextMorning(readModels: ActiveReadModels, queue: RecordingQueue): Promise<{ sendAt: number; pending: number }> {
  queue.onlyRecord = true;
  const { pending } = await new ReminderReconciler(readModels, queue, async () => deadlines, async () => [], () => NOW, Infinity).reconcile();
  queue.onlyRecord = false;
  const sendAt = queue.scheduled.reduce((next, { sendAt }) => (sendAt > NOW.getTime() && sendAt < next ? sendAt : next), Infinity);
  return { sendAt, pending };
}

interface ReconcileTimes {
  open: number;
  pending: number;
  scheduled: number;
  emptyQueue: number;
  nothingMissing: number;
  plainAddBulk: number;
  /** Into an empty queue at NOW, an hour when none go out: only planning. */
  quiet: number;
}

/**
 * Reconciles of the open obligations `generate` writes into a log of its own: 50 minutes before the next morning's
 * reminders, and at NOW.
 */
async function reconcileTimes(dir: string, prefix: string, generate: (events: SqliteEventStore) => Promise<unknown>): Promise<ReconcileTimes> {
  mkdirSync(dir);
  const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  await generate(events);
  const store = new EmbeddedReadModelStore(join(dir, 'read-models.sqlite'));
  await rebuildReadModels(events, store, null, () => NOW);
  const readModels = new ActiveReadModels(store);
  const open = await (await readModels.current()).followUps.countDocuments({ state: 'open' });
  let now = NOW;
  const queue = new RecordingQueue({ redisUrl: REDIS_URL, prefix, clock: () => now.getTime() });
  const morning = await nextMorning(readModels, queue);
  now = new Date(morning.sendAt - 50 * 60_000);
  const reconciler = new ReminderReconciler(readModels, queue, async () => deadlines, async () => [], () => now);
  let started = process.hrtime.bigint();
  const { scheduled } = await reconciler.reconcile();
  const emptyQueue = seconds(started);
  started = process.hrtime.bigint();
  await reconciler.reconcile();
  const nothingMissing = seconds(started);
  const plain = await plainAddBulk(`${prefix}-plain-add`, queue.scheduled, now.getTime());
  await flush(prefix);
  now = NOW;
  started = process.hrtime.bigint();
  await reconciler.reconcile();
  const quiet = seconds(started);
  await queue.close();
  await flush(prefix);
  await store.close();
  await events.close();
  return { open, pending: morning.pending, scheduled, emptyQueue, nothingMissing, plainAddBulk: plain, quiet };
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
    // A working backlog: 1,000 reflections received each working day for 50 days, their reminders sent so far.
    const backlog = await reconcileTimes(join(dir, 'backlog'), prefix, (events) => openObligationsOver(events, 1000, 50, '2026-11-26', taipeiDateOf(NOW), 20));
    // The worst case: every reflection received on one day, so every obligation has its reminder on the same morning.
    const oneDay = await reconcileTimes(join(dir, 'one-day'), prefix, (events) => openObligations(events, 50_000, '2026-11-26', 20));
    const thousands = (n: number) => n.toLocaleString('en');
    console.log(`Follow-up reminders (BullMQ on Redis at ${REDIS_URL.replace(/\/\/.*@/, '//')}); the queue holds the reminders going out within the hour`);
    console.log(`  ${thousands(backlog.open)} open obligations received over 50 working days, ${thousands(backlog.pending)} reminders pending`);
    console.log(`    reconcile into an empty queue, 50 min before the next morning's: ${backlog.emptyQueue.toFixed(1)} s (${thousands(backlog.scheduled)} reminders scheduled; target < 5 s)`);
    console.log(`      plain BullMQ addBulk of the same jobs, 1,000 a call: ${backlog.plainAddBulk.toFixed(1)} s`);
    console.log(`    reconcile again, nothing missing:                    ${backlog.nothingMissing.toFixed(1)} s (target < 2 s)`);
    console.log(`    reconcile at an hour when none go out:               ${backlog.quiet.toFixed(1)} s`);
    console.log(`  ${thousands(oneDay.open)} open obligations all received on one day, ${thousands(oneDay.pending)} reminders pending`);
    console.log(`    reconcile into an empty queue, 50 min before the morning all go out: ${oneDay.emptyQueue.toFixed(1)} s (${thousands(oneDay.scheduled)} reminders scheduled)`);
    console.log(`      plain BullMQ addBulk of the same jobs, 1,000 a call: ${oneDay.plainAddBulk.toFixed(1)} s`);
    console.log(`    reconcile again, nothing missing:                    ${oneDay.nothingMissing.toFixed(1)} s`);
    const details = (times: ReconcileTimes) => ({ openObligations: times.open, pendingReminders: times.pending, scheduled: times.scheduled });
    const plainBaseline = (times: ReconcileTimes) => ({ baseline: times.plainAddBulk, baselineIs: 'plain BullMQ addBulk of the same jobs' });
    figure('reconcile.100k.empty_queue_s', backlog.emptyQueue, 's', { ...details(backlog), ...plainBaseline(backlog), target: '< 5' });
    figure('reconcile.100k.nothing_missing_s', backlog.nothingMissing, 's', { ...details(backlog), target: '< 2' });
    figure('reconcile.100k.none_going_out_s', backlog.quiet, 's', details(backlog));
    figure('reconcile.100k.one_morning.empty_queue_s', oneDay.emptyQueue, 's', { ...details(oneDay), ...plainBaseline(oneDay) });
    figure('reconcile.100k.one_morning.nothing_missing_s', oneDay.nothingMissing, 's', details(oneDay));

    await benchReminders(prefix);
  } finally {
    await flush(prefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Reminders issued through the real path (BullMQ job → decider → event appended) beside plain BullMQ adding and
 * processing the same jobs; alone: `npm run bench -- reminders`.
 */
export async function benchReminders(prefix = `integrity-bench-${randomUUID().slice(0, 8)}`): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'integrity-bench-reminders-'));
  try {
    const count = 3000;
    const sendEvents = new SqliteEventStore({ file: join(dir, 'send.sqlite') });
    await openObligations(sendEvents, count, '2026-10-01', 20);
    const keys = new EmbeddedReadModelStore(join(dir, 'keys.sqlite'));
    const sender = new ReminderSender(new CommandHandling(sendEvents), new ReflectionEventCodec(new PersonalDataVault(new ReadModelPersonalDataKeyStore(keys))), { forStage: async () => ['officer'] }, { stillDue: async () => true, dueWhenInForce: async () => [] }, { now: () => NOW });
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
    let started = process.hrtime.bigint();
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
    await keys.close();
  } finally {
    await flush(`${prefix}-real`);
    await flush(`${prefix}-plain`);
    rmSync(dir, { recursive: true, force: true });
  }
}
