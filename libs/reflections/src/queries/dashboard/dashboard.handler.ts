import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, taipeiDateOf, type Clock } from '@integrity/domain';
import { readsEveryUnit, UnitRegister, unitScope, type Unit } from '@integrity/identity';
import { ActiveReadModels, emptyCounts, NONE, type DashboardCountsDocument, type Tally } from '@integrity/read-models';
import { DashboardQuery, type Dashboard, type UnitDashboard } from './dashboard.query';
import { medianOfTally } from './median';

/** Answers from the counts the projection keeps per unit: one document a unit, whatever the number of cases. */
@QueryHandler(DashboardQuery)
export class DashboardHandler implements IQueryHandler<DashboardQuery, Dashboard> {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly units: UnitRegister,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filters, actor }: DashboardQuery): Promise<Dashboard> {
    const scope = unitScope(actor, filters.unitId);
    const today = taipeiDateOf(this.clock.now());
    const counted = await (await this.readModels.current()).dashboardCounts.find(scope.unitId ? { _id: scope.unitId } : {});
    const countsOf = new Map(counted.map((counts) => [counts._id, counts]));
    const units = new Map((await this.units.ethicsUnits()).map((unit) => [unit._id, unit]));
    const unitIds = readsEveryUnit(actor) && !filters.unitId ? [...units.keys()] : [String(scope.unitId)];
    const dashboards = unitIds.map((unitId) => dashboardOf(countsOf.get(unitId) ?? emptyCounts(unitId), units.get(unitId) ?? null, today));
    return readsEveryUnit(actor) && !filters.unitId ? { units: dashboards } : dashboards[0];
  }
}

const sum = (tally: Tally, counted: (key: string) => boolean = () => true) => Object.entries(tally).reduce((total, [key, count]) => (counted(key) ? total + count : total), 0);

function dashboardOf(counts: DashboardCountsDocument, unit: Unit | null, today: string): UnitDashboard {
  return {
    unitId: counts._id,
    unitName: unit?.name ?? null,
    profile: unit?.profile ?? { county: null, ministry: null, level: null },
    total: counts.total,
    byStatus: counts.byStatus,
    byNature: counts.byNature,
    byCategory: counts.byCategory,
    byTheme: counts.byTheme,
    byMonth: counts.byMonth,
    bySite: Object.entries(counts.bySite).map(([siteId, count]) => ({ siteId: siteId === NONE ? null : siteId, siteName: counts.siteNames[siteId] ?? null, count })),
    open: counts.open,
    overdue: sum(counts.openByNextDueOn, (dueOn) => dueOn < today),
    medianDaysToCitizenReply: medianOfTally(counts.byDaysToCitizenReply),
  };
}
