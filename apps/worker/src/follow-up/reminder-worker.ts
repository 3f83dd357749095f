import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@integrity/domain';
import { FOLLOW_UP_QUEUE, overdueVisitsMail, REMINDER_MAILER, reminderCorrelationId, ReminderReconciler, reminderMail, ReminderSender, type FollowUpQueue, type ReminderMailer, type ScheduledReminder, type SendOutcome } from '@integrity/follow-up';
import { UserDirectory } from '@integrity/identity';
import { WRITER_FENCE, type Fence } from '@integrity/lease';
import { Correlation } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { Projector } from '../projector/projector';

const CONCURRENCY = 4;
const RECONCILE_EVERY_MS = 10 * 60 * 1000;
const WATCH_EVERY_MS = 2_000;
/** After a failed reconcile, how long before the watch tries again (the 10-minute one still runs). */
const RETRY_AFTER_MS = 60_000;

/**
 * Sends the reminders the queue hands out, mails them when SMTP is configured, and keeps the queue complete:
 * a full reconcile on start and every 10 minutes, one for the reflections of each projected batch, one when the
 * next reminder left out of the queue comes within its horizon (watched on the clock every 2 s), and one at
 * once when the queue comes back after an outage or is found empty while reminders are pending (Redis flushed).
 */
@Injectable()
export class ReminderWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private timers: NodeJS.Timeout[] = [];
  private queueWasUp = true;
  private fullReconcile: Promise<void> | null = null;
  /** When the earliest reminder left out of the queue comes within the horizon (epoch ms, by the clock). */
  private reconcileBy = Infinity;

  constructor(
    @Inject(FOLLOW_UP_QUEUE) private readonly queue: FollowUpQueue,
    private readonly reconciler: ReminderReconciler,
    private readonly sender: ReminderSender,
    @Inject(REMINDER_MAILER) private readonly mailer: ReminderMailer | null,
    private readonly users: UserDirectory,
    private readonly readModels: ActiveReadModels,
    private readonly projector: Projector,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WRITER_FENCE) private readonly fence: Fence,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A job logs under the correlation id its reminder's event records.
    await this.queue.process((reminder) => Correlation.run(reminderCorrelationId(reminder), () => this.send(reminder)), { concurrency: CONCURRENCY });
    this.projector.onBatch((streamIds) => {
      const reflectionIds = streamIds.filter((id) => id.startsWith('reflection-')).map((id) => id.slice('reflection-'.length));
      // A plan approved, a site changed or a visit held moves the visits due.
      const visits = streamIds.some((id) => /^(plan|outreach|site)-/.test(id));
      // While the queue is down a reconcile would wait for it; the one on its return covers these reflections.
      if ((reflectionIds.length > 0 || visits) && this.queueWasUp) void this.reconcile(reflectionIds, visits);
    });
    // A start reconciles everything anyway: a queue found new here (a fresh install, or emptied while no worker
    // ran) is marked as seen, so that only a loss while running reads as one.
    await this.queue.lostItsData().catch(() => false);
    // In the background: a large backlog must not hold up serving requests.
    void this.reconcileAll();
    this.timers = [setInterval(() => void this.reconcileAll(), RECONCILE_EVERY_MS), setInterval(() => void this.watchQueue(), WATCH_EVERY_MS)];
    for (const timer of this.timers) timer.unref();
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  /**
   * Redis back after an outage, or found to have lost its data (flushed, restarted empty): schedule everything again
   * now. Otherwise reconcile when the next reminder left out of the queue comes within its horizon.
   */
  private async watchQueue(): Promise<void> {
    const health = await this.queue.health();
    const wasUp = this.queueWasUp;
    this.queueWasUp = health.status === 'up';
    if (!this.queueWasUp) {
      if (wasUp) this.logger.warn(`The follow-up queue is unavailable (${health.reason ?? 'no reason given'}): reminders wait until it is back`);
      return;
    }
    const lost = await this.queue.lostItsData().catch(() => false);
    if (wasUp && !lost) {
      if (this.clock.now().getTime() >= this.reconcileBy) await this.reconcileAll();
      return;
    }
    this.logger.warn(lost ? 'The follow-up queue lost its data: scheduling every pending reminder again now' : 'The follow-up queue is back: reconciling now');
    await this.queue.restoreRepeats().catch(() => undefined);
    await this.reconcileAll();
  }

  /** Every pending reminder, once at a time. */
  private reconcileAll(): Promise<void> {
    if (!this.fullReconcile) {
      // A full reconcile answers for every reminder; those answered since for some reflections may come sooner.
      this.reconcileBy = Infinity;
      this.fullReconcile = this.reconcile().finally(() => (this.fullReconcile = null));
    }
    return this.fullReconcile;
  }

  private async reconcile(reflectionIds?: string[], visits = true): Promise<void> {
    try {
      const { pending, queued, scheduled, reconcileBy } = await this.reconciler.reconcile(reflectionIds, visits);
      this.reconcileBy = Math.min(this.reconcileBy, reconcileBy ?? Infinity);
      if (!reflectionIds) this.logger.log(`Reconciled: ${pending} pending reminder(s), ${queued} going out within the hour, ${scheduled} newly scheduled`);
    } catch (error) {
      if (!reflectionIds) this.reconcileBy = Math.min(this.reconcileBy, this.clock.now().getTime() + RETRY_AFTER_MS);
      this.logger.error(`Reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The mail of a reminder sent: its obligation, the site to visit, or the visits one summary names. */
  private async mailOf(reminder: ScheduledReminder, outcome: SendOutcome): Promise<{ subject: string; text: string } | null> {
    const set = await this.readModels.current();
    if ('reflectionId' in reminder) {
      const obligation = await set.followUps.findOne({ _id: `${reminder.reflectionId}/${reminder.obligationId}` });
      return obligation && reminderMail(reminder, obligation.kind, obligation.party, obligation.dueOn);
    }
    const siteName = async (siteId: string) => (await set.sites.findOne({ _id: siteId }))?.name ?? null;
    if ('visits' in outcome && outcome.visits) return overdueVisitsMail(await Promise.all(outcome.visits.map(async ({ siteId, dueOn }) => ({ siteName: await siteName(siteId), dueOn }))));
    const [, siteId, dueOn] = reminder.obligationId.split(':');
    return reminderMail(reminder, 'site_visit', await siteName(siteId), dueOn);
  }

  /** Only while this worker leads (a FencedError fails the job, and the queue hands it to the leader later). */
  private async send(reminder: ScheduledReminder): Promise<void> {
    this.fence.epoch();
    const outcome = await this.sender.send(reminder);
    if (!('issued' in outcome) || !this.mailer) return;
    const mail = await this.mailOf(reminder, outcome);
    if (!mail) return;
    const { subject, text } = mail;
    for (const user of (await this.users.byIds(outcome.recipients)).filter((u) => u.email)) {
      this.fence.epoch();
      await this.mailer.send({ deliveryId: `${reminder.id}-${user._id}`, to: user.email as string, subject, text }, this.clock.now());
    }
  }
}
