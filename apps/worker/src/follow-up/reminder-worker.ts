import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock, type ObligationKind } from '@integrity/domain';
import { FOLLOW_UP_QUEUE, REMINDER_MAILER, ReminderReconciler, reminderMail, ReminderSender, type FollowUpQueue, type ReminderMailer, type ScheduledReminder } from '@integrity/follow-up';
import { UserDirectory } from '@integrity/identity';
import { ActiveReadModels } from '@integrity/read-models';
import { Projector } from '../projector/projector';

const CONCURRENCY = 4;
const RECONCILE_EVERY_MS = 10 * 60 * 1000;

/**
 * Sends the reminders the queue hands out, mails them when SMTP is configured, and keeps the queue complete:
 * a full reconcile on start and every 10 minutes, and one for the reflections of each projected batch.
 */
@Injectable()
export class ReminderWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(FOLLOW_UP_QUEUE) private readonly queue: FollowUpQueue,
    private readonly reconciler: ReminderReconciler,
    private readonly sender: ReminderSender,
    @Inject(REMINDER_MAILER) private readonly mailer: ReminderMailer | null,
    private readonly users: UserDirectory,
    private readonly readModels: ActiveReadModels,
    private readonly projector: Projector,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.process((reminder) => this.send(reminder), { concurrency: CONCURRENCY });
    this.projector.onBatch((streamIds) => {
      const reflectionIds = streamIds.filter((id) => id.startsWith('reflection-')).map((id) => id.slice('reflection-'.length));
      // A plan approved, a site changed or a visit held moves the visits due.
      const visits = streamIds.some((id) => /^(plan|outreach|site)-/.test(id));
      if (reflectionIds.length > 0 || visits) void this.reconcile(reflectionIds, visits);
    });
    // In the background: a large backlog must not hold up serving requests.
    void this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async reconcile(reflectionIds?: string[], visits = true): Promise<void> {
    try {
      const { pending, scheduled } = await this.reconciler.reconcile(reflectionIds, visits);
      if (!reflectionIds) this.logger.log(`Reconciled: ${pending} pending reminder(s), ${scheduled} newly scheduled`);
    } catch (error) {
      this.logger.error(`Reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** What the reminder is about, to name it in the mail: the reflection's obligation, or the site to visit. */
  private async obligationOf(reminder: ScheduledReminder): Promise<{ kind: ObligationKind; party: string | null; dueOn: string } | null> {
    const set = await this.readModels.current();
    if ('reflectionId' in reminder) return set.followUps.findOne({ _id: `${reminder.reflectionId}/${reminder.obligationId}` });
    const [, siteId, dueOn] = reminder.obligationId.split(':');
    return { kind: 'site_visit', party: (await set.sites.findOne({ _id: siteId }))?.name ?? null, dueOn };
  }

  private async send(reminder: ScheduledReminder): Promise<void> {
    const outcome = await this.sender.send(reminder);
    if (!('issued' in outcome) || !this.mailer) return;
    const obligation = await this.obligationOf(reminder);
    if (!obligation) return;
    const { subject, text } = reminderMail(reminder, obligation.kind, obligation.party, obligation.dueOn);
    for (const user of (await this.users.byIds(outcome.recipients)).filter((u) => u.email)) {
      await this.mailer.send({ deliveryId: `${reminder.id}-${user._id}`, to: user.email as string, subject, text }, this.clock.now());
    }
  }
}
