import { pendingReminders, taipeiDateOf, visitObligationId, type Deadlines, type Obligation } from '@integrity/domain';
import type { ActiveReadModels, PlanDocument } from '@integrity/read-models';
import { reminderJobId, type FollowUpQueue, type ReminderAbout, type ReminderJob, type ScheduledReminder } from './follow-up-queue.port';

/** Reminders go out at 09:00 in Taipei (01:00 UTC) on their day. */
const SEND_AT_UTC = 'T01:00:00.000Z';

export interface ReconcileOutcome {
  pending: number;
  scheduled: number;
  retried: number;
}

/** A site visit the plan in force schedules: the next one due at each of its sites. */
export interface DueVisit {
  plan: PlanDocument;
  siteId: string;
  siteName: string | null;
  nextDueOn: string;
}

/** What the reconciler asks of the plans: the visits now due to be reminded of, one per planned site. */
export type DueVisits = () => Promise<DueVisit[]>;

/**
 * Redis is never the source of truth: this derives every pending reminder from the read models (the open
 * obligations of reflections, and the visits the plans in force schedule) and schedules what the queue lacks
 * (deterministic ids make the rest no-ops). Run on start, periodically, and after each projected batch.
 */
export class ReminderReconciler {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly queue: FollowUpQueue,
    private readonly deadlinesFor: (unitId: string) => Promise<Deadlines>,
    private readonly dueVisits: DueVisits,
    private readonly now: () => Date,
  ) {}

  private planned(job: ReminderAbout & { unitId: string; obligationId: string }, obligation: Obligation, issued: string[], today: string, { policy, calendar }: Deadlines): ScheduledReminder[] {
    return pendingReminders(obligation, issued, policy, calendar, today).map(({ stage, sendOn }) => {
      const reminder: ReminderJob = { ...job, stage };
      return { ...reminder, id: reminderJobId(reminder), sendAt: Date.parse(`${sendOn}${SEND_AT_UTC}`) };
    });
  }

  private async deadlines(unitIds: string[]): Promise<Map<string, Deadlines>> {
    const units = [...new Set(unitIds)];
    return new Map(await Promise.all(units.map(async (unitId) => [unitId, await this.deadlinesFor(unitId)] as const)));
  }

  /** Every open obligation of these reflections (of all when none are named) and, with `visits`, every visit due. */
  async reconcile(reflectionIds?: string[], visits = true): Promise<ReconcileOutcome> {
    const set = await this.readModels.current();
    const open = await set.followUps.find(reflectionIds ? { state: 'open', reflectionId: { $in: reflectionIds } } : { state: 'open' });
    const due = visits ? (await this.dueVisits()).filter((visit) => visit.nextDueOn <= visit.plan.validTo) : [];
    const today = taipeiDateOf(this.now());
    const deadlines = await this.deadlines([...open.map((doc) => doc.unitId), ...due.map((visit) => visit.plan.unitId)]);
    const reminders = [
      ...open.flatMap((doc) => {
        const obligation = { id: doc.obligationId, kind: doc.kind, party: doc.party, dueOn: doc.dueOn, state: doc.state };
        const job = { reflectionId: doc.reflectionId, unitId: doc.unitId, obligationId: doc.obligationId };
        return this.planned(job, obligation, doc.remindersIssued, today, deadlines.get(doc.unitId) as Deadlines);
      }),
      ...due.flatMap(({ plan, siteId, siteName, nextDueOn }) => {
        const id = visitObligationId(siteId, nextDueOn);
        const obligation: Obligation = { id, kind: 'site_visit', party: siteName, dueOn: nextDueOn, state: 'open' };
        const issued = plan.remindersIssued.filter((r) => r.obligationId === id).map((r) => r.stage);
        return this.planned({ planId: plan._id, unitId: plan.unitId, obligationId: id }, obligation, issued, today, deadlines.get(plan.unitId) as Deadlines);
      }),
    ];
    const scheduled = await this.queue.schedule(reminders);
    const retried = reflectionIds ? 0 : await this.queue.retryFailed();
    return { pending: reminders.length, scheduled, retried };
  }
}
