import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, nextVisitDue, taipeiDateOf, type Clock, type OfficeCalendar } from '@integrity/domain';
import { ActiveReadModels, inForceOn, type PlanDocument } from '@integrity/read-models';
import { OFFICE_CALENDAR } from '@integrity/reflections';

/** One planned site: when its contact was last visited, when next, and whether that is past. */
export interface ScheduledVisit {
  planId: string;
  unitId: string;
  siteId: string;
  siteName: string | null;
  contactName: string | null;
  visitEveryDays: number;
  lastVisitOn: string | null;
  nextDueOn: string;
  overdue: boolean;
  /** Outreach held at the site within the plan's period: visits held, beside those planned. */
  visitsHeld: number;
  visitsPlanned: number;
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

/**
 * The visit schedule (定期造訪平臺聯絡人) of the plans in force, from the read models: each planned site's last
 * outreach and the next visit due. Overdue sites first, then the soonest due.
 */
@Injectable()
export class VisitSchedule {
  constructor(
    private readonly readModels: ActiveReadModels,
    @Inject(OFFICE_CALENDAR) private readonly calendar: OfficeCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The plan in force of each unit asked for (every unit's when null). */
  async plansInForce(unitIds: string[] | null): Promise<PlanDocument[]> {
    const set = await this.readModels.current();
    return set.plans.find(unitIds ? { state: 'in_force', unitId: { $in: unitIds } } : { state: 'in_force' }, { sort: { unitId: 1 } });
  }

  /** The next visit due at every site of every plan in force, for the reminders. */
  async dueVisits(): Promise<{ plan: PlanDocument; siteId: string; siteName: string | null; nextDueOn: string }[]> {
    const plans = await this.plansInForce(null);
    const visits = await Promise.all(plans.map(async (plan) => (await this.visitsOf(plan)).map((visit) => ({ plan, ...visit }))));
    return visits.flat();
  }

  /** Whether the plan, still in force, has this visit due on this date (not moved by a visit held since). */
  async stillDue(planId: string, siteId: string, dueOn: string): Promise<boolean> {
    const plan = await (await this.readModels.current()).plans.findOne({ _id: planId, state: 'in_force' });
    return plan !== null && (await this.visitsOf(plan)).some((visit) => visit.siteId === siteId && visit.nextDueOn === dueOn);
  }

  /** The visits of the plan in force already due on the day it came into force, and not held since. */
  async dueWhenInForce(planId: string): Promise<{ siteId: string; dueOn: string }[]> {
    const plan = await (await this.readModels.current()).plans.findOne({ _id: planId, state: 'in_force' });
    if (!plan) return [];
    const since = inForceOn(plan);
    return (await this.visitsOf(plan)).filter((visit) => visit.nextDueOn < since).map(({ siteId, nextDueOn }) => ({ siteId, dueOn: nextDueOn }));
  }

  async visitsOf(plan: PlanDocument): Promise<ScheduledVisit[]> {
    const set = await this.readModels.current();
    const siteIds = plan.sites.map((s) => s.siteId);
    const [sites, outreach] = await Promise.all([set.sites.find({ _id: { $in: siteIds } }), set.outreach.find({ unitId: plan.unitId, siteId: { $in: siteIds } })]);
    const today = taipeiDateOf(this.clock.now());
    const last = new Map<string, string>();
    const held = new Map<string, number>();
    for (const visit of outreach) {
      const siteId = visit.siteId as string;
      if (visit.heldOn > (last.get(siteId) ?? '')) last.set(siteId, visit.heldOn);
      if (visit.heldOn >= plan.validFrom && visit.heldOn <= plan.validTo) held.set(siteId, (held.get(siteId) ?? 0) + 1);
    }
    const periodEnd = today < plan.validTo ? today : plan.validTo;
    return plan.sites
      .map(({ siteId, visitEveryDays }) => {
        const site = sites.find((s) => s._id === siteId);
        const lastVisitOn = last.get(siteId) ?? null;
        const nextDueOn = nextVisitDue(lastVisitOn, plan.validFrom, visitEveryDays, this.calendar);
        const elapsed = periodEnd < plan.validFrom ? 0 : days(plan.validFrom, periodEnd);
        return {
          planId: plan._id,
          unitId: plan.unitId,
          siteId,
          siteName: site?.name ?? null,
          contactName: site?.contact?.name ?? null,
          visitEveryDays,
          lastVisitOn,
          nextDueOn,
          overdue: nextDueOn < today,
          visitsHeld: held.get(siteId) ?? 0,
          visitsPlanned: Math.floor(elapsed / visitEveryDays),
        };
      })
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.nextDueOn.localeCompare(b.nextDueOn));
  }
}
