import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, type Clock } from '@integrity/domain';
import { CommandHandling } from '@integrity/event-store';
import { IdentityModule, UserDirectory } from '@integrity/identity';
import { SETTINGS, type Settings } from '@integrity/platform';
import { ActiveReadModels, READ_MODEL_STORE, type ReadModelStore } from '@integrity/read-models';
import { PlansModule, VisitSchedule } from '@integrity/plans';
import { ReflectionEventCodec, ReflectionsModule, UnitDeadlines } from '@integrity/reflections';
import { BullMqFollowUpQueue } from './bullmq/bullmq-follow-up-queue';
import { EmbeddedFollowUpQueue } from './embedded/embedded-follow-up-queue';
import { FOLLOW_UP_QUEUE, type FollowUpQueue } from './follow-up-queue.port';
import { FollowUpStatsHttpController } from './http/follow-up-stats.http.controller';
import { NotificationsHttpController } from './http/notifications.http.controller';
import { ReminderMailer } from './reminder-mailer';
import { ReminderReconciler } from './reminder-reconciler';
import { ReminderSender } from './reminder-sender';
import { UserRecipients } from './user-recipients';

export const REMINDER_MAILER = Symbol('REMINDER_MAILER');

/** Follow-up control: the reminder queue (BullMQ when REDIS_URL is set, else in-process), inboxes and mail. */
@Module({
  imports: [IdentityModule, ReflectionsModule, PlansModule],
  controllers: [NotificationsHttpController, FollowUpStatsHttpController],
  providers: [
    {
      provide: FOLLOW_UP_QUEUE,
      inject: [SETTINGS, CLOCK],
      useFactory: (settings: Settings, clock: Clock): FollowUpQueue =>
        settings.redisUrl
          ? new BullMqFollowUpQueue({ redisUrl: settings.redisUrl, prefix: settings.redisPrefix, clock: () => clock.now().getTime() })
          : new EmbeddedFollowUpQueue(() => clock.now().getTime()),
    },
    {
      provide: ReminderReconciler,
      inject: [ActiveReadModels, FOLLOW_UP_QUEUE, UnitDeadlines, VisitSchedule, CLOCK],
      useFactory: (readModels: ActiveReadModels, queue: FollowUpQueue, deadlines: UnitDeadlines, schedule: VisitSchedule, clock: Clock) =>
        new ReminderReconciler(readModels, queue, (unitId) => deadlines.forUnit(unitId), () => schedule.dueVisits(), () => clock.now()),
    },
    {
      provide: ReminderSender,
      inject: [CommandHandling, ReflectionEventCodec, UserDirectory, VisitSchedule, CLOCK],
      useFactory: (commands: CommandHandling, codec: ReflectionEventCodec, users: UserDirectory, schedule: VisitSchedule, clock: Clock) =>
        new ReminderSender(commands, codec, new UserRecipients(users), schedule, clock),
    },
    {
      provide: REMINDER_MAILER,
      inject: [SETTINGS, READ_MODEL_STORE],
      useFactory: (settings: Settings, store: ReadModelStore) => (settings.smtpUrl ? new ReminderMailer(settings.smtpUrl, settings.mailFrom, store) : null),
    },
  ],
  exports: [FOLLOW_UP_QUEUE, ReminderReconciler, ReminderSender, REMINDER_MAILER],
})
export class FollowUpModule implements OnApplicationShutdown {
  constructor(
    @Inject(FOLLOW_UP_QUEUE) private readonly queue: FollowUpQueue,
    @Inject(REMINDER_MAILER) private readonly mailer: ReminderMailer | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.mailer?.close();
  }
}
