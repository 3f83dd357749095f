import { isReminderStage, OVERDUE_VISITS, pendingReminders, stageOrder, taipeiDateOf, visitObligationId, visitRemindedFrom, type Deadlines, type Obligation } from '@integrity/domain';
import { inForceOn, type ActiveReadModels, type FollowUpDocument, type PlanDocument, type ReadModelSet } from '@integrity/read-models';
import { reminderJobId, type FollowUpQueue, type ReminderAbout, type ReminderJob, type ScheduledReminder } from './follow-up-queue.port';

/** Reminders go out at 09:00 in Taipei (01:00 UTC) on their day. */
const SEND_AT_UTC = 'T01:00:00.000Z';

/**
 * How far ahead a reminder goes into the queue. The rest wait in the read models: each reconcile answers when the
 * earliest of them comes within the horizon, and the worker reconciles again then, besides every 10 minutes. The
 * queue then holds a morning's reminders, not every stage of every open obligation (300,000 jobs for 100,000
 * obligations, each written by BullMQ's own script).
 */
export const QUEUE_HORIZON_MS = 60 * 60 * 1000;

/** What reminders are not planned from: an obligation's case texts and dates of its own. */
const UNREAD: (keyof FollowUpDocument)[] = ['summary', 'nature', 'category', 'openedOn', 'closedOn'];
/** Open obligations read at a time when all are reconciled: a bounded share of the heap whatever their number. */
const OPEN_PAGE = 5000;

/** A function of one string, each answer computed once: a reconcile plans reminders on few distinct days. */
function memoised<T>(compute: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = compute(key)));
    return answer;
  };
}

/** Written out field by field: a full reconcile makes hundreds of thousands, and spreading them cost seconds. */
function scheduledReminder(job: PlannedJob, stage: string, sendAt: number): ScheduledReminder {
  const { unitId, obligationId } = job;
  const reminder: ReminderJob = 'planId' in job ? { planId: job.planId, unitId, obligationId, stage } : { reflectionId: job.reflectionId, unitId, obligationId, stage };
  const id = reminderJobId(reminder);
  if ('planId' in reminder) return { planId: reminder.planId, unitId, obligationId, stage, id, sendAt };
  return job.correlationId ? { reflectionId: reminder.reflectionId, unitId, obligationId, stage, id, sendAt, correlationId: job.correlationId } : { reflectionId: reminder.reflectionId, unitId, obligationId, stage, id, sendAt };
}

/** What a reminder is about, for whom, and the request it goes back to. */
type PlannedJob = ReminderAbout & { unitId: string; obligationId: string; correlationId?: string | null };

/** One reconcile's planning: its day in Taipei, the end of its horizon, send times by day, and a count of all it planned. */
interface Planning {
  today: string;
  until: number;
  sendAt: (sendOn: string) => number;
  pending: number;
  /** The earliest send time beyond `until`. */
  nextOutside: number;
}

export interface ReconcileOutcome {
  /** Every reminder still to send, however far ahead. */
  pending: number;
  /** Those that go out within the horizon: the ones the queue is asked to hold. */
  queued: number;
  /** Of those, the ones the queue lacked. */
  scheduled: number;
  retried: number;
  /** When the earliest reminder left out comes within the horizon: the time to reconcile again by (epoch ms). */
  reconcileBy: number | null;
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
 * obligations of reflections, and the visits the plans in force schedule) and, of those going out within the
 * horizon, schedules what the queue lacks (deterministic ids make the rest no-ops). Run on start, periodically,
 * and after each projected batch.
 */
export class ReminderReconciler {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly queue: FollowUpQueue,
    private readonly deadlinesFor: (unitId: string) => Promise<Deadlines>,
    private readonly dueVisits: DueVisits,
    private readonly now: () => Date,
    private readonly horizonMs = QUEUE_HORIZON_MS,
    /** Open obligations read at a time when all are reconciled. */
    private readonly openPage = OPEN_PAGE,
  ) {}

  /** The pending reminders of one obligation: counted in `planning.pending`, and those within the horizon kept. */
  private planned(job: PlannedJob, obligation: Obligation, issued: string[], { policy, calendar }: Deadlines, planning: Planning): ScheduledReminder[] {
    const pending = pendingReminders(obligation, issued, policy, calendar, planning.today);
    planning.pending += pending.length;
    const queued: ScheduledReminder[] = [];
    for (const { stage, sendOn } of pending) {
      const sendAt = planning.sendAt(sendOn);
      if (sendAt <= planning.until) queued.push(scheduledReminder(job, stage, sendAt));
      else if (sendAt < planning.nextOutside) planning.nextOutside = sendAt;
    }
    return queued;
  }

  private async deadlines(unitIds: string[]): Promise<Map<string, Deadlines>> {
    const units = [...new Set(unitIds)];
    return new Map(await Promise.all(units.map(async (unitId) => [unitId, await this.deadlinesFor(unitId)] as const)));
  }

  /**
   * The reminders of the visits due. Those already due when their plan came into force and never reminded go out
   * together, one summary per plan, that day; their escalations, like every visit's reminders, count from the later
   * of the due date and that day, not from a due date months back (visitRemindedFrom).
   */
  private visitReminders(due: DueVisit[], deadlines: Map<string, Deadlines>, planning: Planning): ScheduledReminder[] {
    const reminders: ScheduledReminder[] = [];
    const summarised = new Set<string>();
    for (const { plan, siteId, siteName, nextDueOn } of due) {
      const id = visitObligationId(siteId, nextDueOn);
      const since = inForceOn(plan);
      const issued = plan.remindersIssued.filter((r) => r.obligationId === id).map((r) => r.stage);
      if (nextDueOn < since && !issued.some((stage) => isReminderStage(stage) && stageOrder(stage) >= stageOrder('due'))) {
        if (!summarised.has(plan._id)) {
          summarised.add(plan._id);
          planning.pending++;
          reminders.push(scheduledReminder({ planId: plan._id, unitId: plan.unitId, obligationId: OVERDUE_VISITS.obligationId }, OVERDUE_VISITS.stage, planning.sendAt(planning.today)));
        }
        continue;
      }
      const obligation: Obligation = { id, kind: 'site_visit', party: siteName, dueOn: visitRemindedFrom(nextDueOn, since), state: 'open' };
      reminders.push(...this.planned({ planId: plan._id, unitId: plan.unitId, obligationId: id }, obligation, issued, deadlines.get(plan.unitId) as Deadlines, planning));
    }
    return reminders;
  }

  /**
   * The open obligations of these reflections or, when none are named, of all, a page at a time in due order (the
   * index's): all of them at once were hundreds of megabytes of documents at a time, at start, for a ministry's years.
   */
  private async *openFollowUps(set: ReadModelSet, reflectionIds?: string[]): AsyncGenerator<FollowUpDocument[]> {
    if (reflectionIds) {
      yield await set.followUps.find({ state: 'open', reflectionId: { $in: reflectionIds } }, { exclude: UNREAD });
      return;
    }
    let after: FollowUpDocument | null = null;
    for (;;) {
      const beyond: Record<string, unknown> = after ? { $or: [{ dueOn: { $gt: after.dueOn } }, { dueOn: after.dueOn, _id: { $gt: after._id } }] } : {};
      const page = await set.followUps.find({ state: 'open', ...beyond }, { sort: { dueOn: 1, _id: 1 }, limit: this.openPage, exclude: UNREAD });
      if (page.length > 0) yield page;
      if (page.length < this.openPage) return;
      after = page[page.length - 1];
    }
  }

  /** Every open obligation of these reflections (of all when none are named) and, with `visits`, every visit due. */
  async reconcile(reflectionIds?: string[], visits = true): Promise<ReconcileOutcome> {
    const set = await this.readModels.current();
    const due = visits ? (await this.dueVisits()).filter((visit) => visit.nextDueOn <= visit.plan.validTo) : [];
    const now = this.now();
    const planning: Planning = { today: taipeiDateOf(now), until: now.getTime() + this.horizonMs, sendAt: memoised((sendOn: string) => Date.parse(`${sendOn}${SEND_AT_UTC}`)), pending: 0, nextOutside: Infinity };
    const deadlines = new Map<string, Deadlines>();
    const reminders: ScheduledReminder[] = [];
    for await (const open of this.openFollowUps(set, reflectionIds)) {
      for (const [unitId, each] of await this.deadlines(open.map((doc) => doc.unitId).filter((unitId) => !deadlines.has(unitId)))) deadlines.set(unitId, each);
      for (const doc of open) {
        const obligation = { id: doc.obligationId, kind: doc.kind, party: doc.party, dueOn: doc.dueOn, state: doc.state };
        const job = { reflectionId: doc.reflectionId, unitId: doc.unitId, obligationId: doc.obligationId, correlationId: doc.openedBy };
        reminders.push(...this.planned(job, obligation, doc.remindersIssued, deadlines.get(doc.unitId) as Deadlines, planning));
      }
    }
    for (const [unitId, each] of await this.deadlines(due.map((visit) => visit.plan.unitId).filter((unitId) => !deadlines.has(unitId)))) deadlines.set(unitId, each);
    reminders.push(...this.visitReminders(due, deadlines, planning));
    const scheduled = await this.queue.schedule(reminders);
    const retried = reflectionIds ? 0 : await this.queue.retryFailed();
    const reconcileBy = planning.nextOutside === Infinity ? null : planning.nextOutside - this.horizonMs;
    return { pending: planning.pending, queued: reminders.length, scheduled, retried, reconcileBy };
  }
}
