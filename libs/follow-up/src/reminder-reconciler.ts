import { pendingReminders, taipeiDateOf, type Deadlines } from '@integrity/domain';
import type { ActiveReadModels, FollowUpDocument } from '@integrity/read-models';
import { reminderJobId, type FollowUpQueue, type ScheduledReminder } from './follow-up-queue.port';

/** Reminders go out at 09:00 in Taipei (01:00 UTC) on their day. */
const SEND_AT_UTC = 'T01:00:00.000Z';

export interface ReconcileOutcome {
  pending: number;
  scheduled: number;
  retried: number;
}

/**
 * Redis is never the source of truth: this derives every pending reminder from the read models and
 * schedules what the queue lacks (deterministic ids make the rest no-ops). Run on start, periodically, and
 * for the reflections each projection batch changed.
 */
export class ReminderReconciler {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly queue: FollowUpQueue,
    private readonly deadlinesFor: (unitId: string) => Promise<Deadlines>,
    private readonly now: () => Date,
  ) {}

  remindersFor(doc: FollowUpDocument, today: string, { policy, calendar }: Deadlines): ScheduledReminder[] {
    const obligation = { id: doc.obligationId, kind: doc.kind, party: doc.party, dueOn: doc.dueOn, state: doc.state };
    return pendingReminders(obligation, doc.remindersIssued, policy, calendar, today).map(({ stage, sendOn }) => {
      const job = { reflectionId: doc.reflectionId, unitId: doc.unitId, obligationId: doc.obligationId, stage };
      return { ...job, id: reminderJobId(job), sendAt: Date.parse(`${sendOn}${SEND_AT_UTC}`) };
    });
  }

  async reconcile(reflectionIds?: string[]): Promise<ReconcileOutcome> {
    const set = await this.readModels.current();
    const open = await set.followUps.find(reflectionIds ? { state: 'open', reflectionId: { $in: reflectionIds } } : { state: 'open' });
    const today = taipeiDateOf(this.now());
    const units = [...new Set(open.map((doc) => doc.unitId))];
    const deadlines = new Map(await Promise.all(units.map(async (unitId) => [unitId, await this.deadlinesFor(unitId)] as const)));
    const reminders = open.flatMap((doc) => this.remindersFor(doc, today, deadlines.get(doc.unitId) as Deadlines));
    const scheduled = await this.queue.schedule(reminders);
    const retried = reflectionIds ? 0 : await this.queue.retryFailed();
    return { pending: reminders.length, scheduled, retried };
  }
}
