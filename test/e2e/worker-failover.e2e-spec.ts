import { join } from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { addDays, DEFAULT_DEADLINE_POLICY, pendingReminders, taipeiDateOf, TAIWAN_OFFICE_CALENDAR } from '@integrity/domain';
import { SqliteEventStore } from '@integrity/event-store';
import { REMINDER_QUEUE } from '@integrity/follow-up';
import { EmbeddedReadModelStore } from '@integrity/read-models';
import { spawnFromSources, type SourceProcess } from '../support/app-process';
import { until } from '../support/polling';
import { openObligations, projectAll } from '../support/reminder-fixture';
import { flushPrefix, REDIS_URL, testPrefix } from '../support/redis';
import { tempDir } from '../support/temp-dir';

const TAKEOVER_LIMIT_MS = 15_000;

type WorkerProcess = SourceProcess;

/** `npm run start:worker` from the TypeScript sources, in a process of its own that the test may kill. */
const startWorker = (dataDir: string, prefix: string): WorkerProcess => spawnFromSources('apps/worker/src/main.ts', [], { DATA_DIR: dataDir, REDIS_URL, REDIS_PREFIX: prefix, WORKER_HEALTH_PORT: '0' });

/** Polls like `until`, but fails at once with its output when a worker the test did not stop has exited. */
async function whileWorking(workers: WorkerProcess[], check: () => Promise<boolean> | boolean, what: string, ceilingMs?: number): Promise<void> {
  await until(async () => {
    const gone = workers.find((worker) => worker.child.exitCode !== null && worker.child.signalCode === null);
    if (gone) throw new Error(`A worker exited while waiting for ${what}:\n${gone.output()}`);
    return check();
  }, what, ceilingMs);
}

describe('one active worker, with failover', () => {
  const dir = tempDir('failover');
  const prefix = testPrefix('failover');
  const workers: WorkerProcess[] = [];
  const redis = new IORedis(REDIS_URL);
  afterAll(async () => {
    redis.disconnect();
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await flushPrefix(prefix);
    dir.remove();
  });

  it('three workers: one leads; killed with -9, another leads within 15 s from the checkpoint, and every due reminder is sent exactly once', async () => {
    const file = join(dir.path, 'events.sqlite');
    const events = new SqliteEventStore({ file });
    // Received long enough ago that every obligation has one catch-up reminder due now, on a day whose stages all
    // fall before today (a stage due today waits for 09:00 in Taipei, which may not have come).
    const now = new Date();
    const today = taipeiDateOf(now);
    const planFor = async (receivedOn: string) => {
      const scratch = new EmbeddedReadModelStore(':memory:');
      const probe = new SqliteEventStore({ file: ':memory:' });
      await openObligations(probe, 1, receivedOn);
      const [obligation] = await (await (await projectAll(probe, scratch)).current()).followUps.find({ state: 'open' });
      await Promise.all([scratch.close(), probe.close()]);
      return pendingReminders({ ...obligation, id: obligation.obligationId }, [], DEFAULT_DEADLINE_POLICY, TAIWAN_OFFICE_CALENDAR, today);
    };
    let receivedOn = addDays(today, -60);
    while ((await planFor(receivedOn)).some((reminder) => reminder.sendOn === today)) receivedOn = addDays(receivedOn, -1);
    await openObligations(events, 600, receivedOn, 3);
    const scratch = new EmbeddedReadModelStore(':memory:');
    const open = await (await (await projectAll(events, scratch)).current()).followUps.find({ state: 'open' });
    await scratch.close();
    const expected = open
      .flatMap((doc) => pendingReminders({ ...doc, id: doc.obligationId }, [], DEFAULT_DEADLINE_POLICY, TAIWAN_OFFICE_CALENDAR, today).filter((r) => r.sendOn < today).map((r) => `reflection-${doc.reflectionId}/${doc.obligationId}/${r.stage}`))
      .sort();
    expect(expected).toHaveLength(1200);

    const issued = async () =>
      (await events.readAll(null, 100_000, { categories: ['reflection'] })).filter((e) => e.type === 'FollowUpReminderIssued').map((e) => `${e.streamId}/${e.data.obligationId}/${e.data.stage}`);
    const leader = async () => redis.get(`${prefix}:lease:worker`);
    const pidOf = (holder: string | null) => Number(holder?.split('-').pop());

    for (let i = 0; i < 3; i++) workers.push(startWorker(dir.path, prefix));
    const byPid = (pid: number) => workers.find((worker) => worker.child.pid === pid) as WorkerProcess;
    await whileWorking(workers, async () => (await issued()).length > 0, 'the first reminder to be sent');
    const first = byPid(pidOf(await leader()));
    await whileWorking(workers, () => workers.every((worker) => /waiting for the lease/.test(worker.output())), 'every worker to ask for the lease');
    const sentBeforeKill = (await issued()).length;
    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await first.exited;
    expect(sentBeforeKill).toBeLessThan(expected.length);

    // The holder that took over, as read once: read again later, it may have changed, and the test would lose track.
    let taker: string | null = null;
    await whileWorking(workers, async () => (taker = await leader()) !== null && pidOf(taker) !== first.child.pid, 'another worker to take the lease', 60_000);
    const takeoverMs = Date.now() - killedAt;
    const second = byPid(pidOf(taker));
    console.log(`worker failover: the lease taken over ${(takeoverMs / 1000).toFixed(1)} s after the leader was killed (limit ${TAKEOVER_LIMIT_MS / 1000} s); ${sentBeforeKill} of ${expected.length} reminders were sent before`);
    expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);
    await whileWorking(workers, () => /Projecting into generation 1 from position \d+/.test(second.output()), 'the new leader to project on from the checkpoint');

    // Jobs the killed leader held are taken over once their lock lapses (BullMQ's stalled-job check).
    const queue = new Queue(REMINDER_QUEUE, { connection: redis, prefix });
    await whileWorking(workers, async () => {
      const counts = await queue.getJobCounts('active', 'wait', 'prioritized');
      return (await issued()).length >= expected.length && counts.active + counts.wait + counts.prioritized === 0;
    }, 'every due reminder to be sent', 150_000);
    const sent = (await issued()).sort();
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toEqual(expected);

    // Each worker's health port says where it stands; a standby is ready, for waiting is its job.
    const probe = async (worker: WorkerProcess, path: string) => {
      const port = /Health at http:\/\/localhost:(\d+)\//.exec(worker.output())?.[1];
      const answer = await fetch(`http://127.0.0.1:${port}/api/v1/health/${path}`);
      return { code: answer.status, ...((await answer.json()) as { status: string; role: string }) };
    };
    expect(await probe(second, 'ready')).toMatchObject({ code: 200, status: 'ready', role: 'leading' });

    const messages = (worker: WorkerProcess) => worker.output().split('\n').filter((line) => line.startsWith('{')).map((line) => (JSON.parse(line) as { msg: string }).msg);
    const leads = workers.map((worker) => messages(worker).filter((msg) => /^Worker \S+ leads$/.test(msg)).length);
    expect(leads.reduce((a, b) => a + b)).toBe(2);
    const third = workers.find((worker) => worker !== first && worker !== second) as WorkerProcess;
    expect(third.output()).toMatch(/Standing by while \S+ leads/);
    expect(third.output()).not.toMatch(/Projecting/);
    expect(await probe(third, 'ready')).toMatchObject({ code: 200, status: 'ready', role: 'standby' });
    expect(await probe(third, 'live')).toMatchObject({ code: 200, status: 'live', role: 'standby' });

    for (const worker of [second, third]) worker.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(await third.exited).toBe(0);
    expect(await leader()).toBeNull();
    await queue.close();
    await events.close();
  }, 400_000);
});
