import { DomainError, isEscalation, reflectionDecider, type Clock } from '@integrity/domain';
import { streamIdOf, type CommandHandling, type CommandOutcome } from '@integrity/event-store';
import type { ReflectionEventCodec } from '@integrity/reflections';
import type { ScheduledReminder } from './follow-up-queue.port';

/** Who gets a reminder: the unit's ethics officers, or its supervisors for an escalation. */
export interface ReminderRecipients {
  forStage(unitId: string, escalation: boolean): Promise<string[]>;
}

export type SendOutcome = { issued: CommandOutcome; recipients: string[] } | { notNeeded: string };

/** Reasons a scheduled reminder is no longer wanted: the job is done without a new event. */
const NOT_NEEDED = new Set(['OBLIGATION_NOT_OPEN', 'REMINDER_ALREADY_ISSUED', 'LATER_REMINDER_ALREADY_ISSUED', 'REFLECTION_NOT_FOUND']);

/**
 * Sends one scheduled reminder: appends FollowUpReminderIssued to the reflection's stream. The command id is
 * the job's, so a retry, a second worker or a worker that took over a killed one's job finds the event
 * already there and writes nothing (at most one per obligation and stage).
 */
export class ReminderSender {
  constructor(
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly recipients: ReminderRecipients,
    private readonly clock: Clock,
  ) {}

  async send(reminder: ScheduledReminder): Promise<SendOutcome> {
    const now = this.clock.now();
    const recipients = await this.recipients.forStage(reminder.unitId, isEscalation(reminder.stage));
    try {
      const issued = await this.commands.handle(
        streamIdOf('reflection', reminder.reflectionId),
        reflectionDecider,
        this.codec,
        { type: 'IssueFollowUpReminder', obligationId: reminder.obligationId, stage: reminder.stage, recipients },
        { actorId: 'follow-up-worker', unitId: reminder.unitId, correlationId: reminder.id, commandId: reminder.id, now },
      );
      return { issued, recipients };
    } catch (error) {
      if (error instanceof DomainError && NOT_NEEDED.has(error.code)) return { notNeeded: error.code };
      throw error;
    }
  }
}
