import { DomainError, isEscalation, OVERDUE_VISITS, planDecider, reflectionDecider, type Clock } from '@integrity/domain';
import { streamIdOf, type CommandContext, type CommandHandling, type CommandOutcome } from '@integrity/event-store';
import { PLAN_CODEC } from '@integrity/plans';
import type { ReflectionEventCodec } from '@integrity/reflections';
import { reminderCorrelationId, type ScheduledReminder } from './follow-up-queue.port';

/** Who gets a reminder: the unit's ethics officers, or its supervisors for an escalation. */
export interface ReminderRecipients {
  forStage(unitId: string, escalation: boolean): Promise<string[]>;
}

/** What the sender asks of the plans in force: a visit held since moves the next one due. */
export interface VisitsDue {
  /** Whether the plan still has this visit due. */
  stillDue(planId: string, siteId: string, dueOn: string): Promise<boolean>;
  /** The visits already due on the day the plan came into force, and still due. */
  dueWhenInForce(planId: string): Promise<{ siteId: string; dueOn: string }[]>;
}

/** `visits`: those a summary of visits already due when the plan came into force names. */
export type SendOutcome = { issued: CommandOutcome; recipients: string[]; visits?: { siteId: string; dueOn: string }[] } | { notNeeded: string };

/** Reasons a scheduled reminder is no longer wanted: the job is done without a new event. */
const NOT_NEEDED = new Set(['OBLIGATION_NOT_OPEN', 'REMINDER_ALREADY_ISSUED', 'LATER_REMINDER_ALREADY_ISSUED', 'REFLECTION_NOT_FOUND', 'VISIT_NOT_PLANNED', 'PLAN_NOT_FOUND']);

/** `visit:<siteId>:<dueOn>`, as visitObligationId makes it. */
const visitOf = (obligationId: string) => {
  const [, siteId, dueOn] = obligationId.split(':');
  return { siteId, dueOn };
};

/**
 * Sends one scheduled reminder: appends FollowUpReminderIssued to the reflection's stream, or VisitReminderIssued
 * to the plan's. The command id is the job's, so a retry, a second worker or a worker that took over a killed
 * one's job finds the event already there and writes nothing (at most one per obligation and stage).
 */
export class ReminderSender {
  constructor(
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly recipients: ReminderRecipients,
    private readonly visits: VisitsDue,
    private readonly clock: Clock,
  ) {}

  async send(reminder: ScheduledReminder): Promise<SendOutcome> {
    const now = this.clock.now();
    const recipients = await this.recipients.forStage(reminder.unitId, isEscalation(reminder.stage));
    const context: CommandContext = { actorId: 'follow-up-worker', unitId: reminder.unitId, correlationId: reminderCorrelationId(reminder), commandId: reminder.id, now };
    try {
      if ('planId' in reminder && reminder.obligationId === OVERDUE_VISITS.obligationId) {
        const visits = await this.visits.dueWhenInForce(reminder.planId);
        if (visits.length === 0) return { notNeeded: 'VISIT_NOT_DUE' };
        const command = { type: 'SummariseOverdueVisits' as const, visits, recipients };
        return { issued: await this.commands.handle(streamIdOf('plan', reminder.planId), planDecider, PLAN_CODEC, command, context), recipients, visits };
      }
      if ('planId' in reminder) {
        const { siteId, dueOn } = visitOf(reminder.obligationId);
        if (!(await this.visits.stillDue(reminder.planId, siteId, dueOn))) return { notNeeded: 'VISIT_NOT_DUE' };
        const command = { type: 'IssueVisitReminder' as const, siteId, dueOn, stage: reminder.stage, recipients };
        return { issued: await this.commands.handle(streamIdOf('plan', reminder.planId), planDecider, PLAN_CODEC, command, context), recipients };
      }
      const command = { type: 'IssueFollowUpReminder' as const, obligationId: reminder.obligationId, stage: reminder.stage, recipients };
      return { issued: await this.commands.handle(streamIdOf('reflection', reminder.reflectionId), reflectionDecider, this.codec, command, context), recipients };
    } catch (error) {
      if (error instanceof DomainError && NOT_NEEDED.has(error.code)) return { notNeeded: error.code };
      throw error;
    }
  }
}
