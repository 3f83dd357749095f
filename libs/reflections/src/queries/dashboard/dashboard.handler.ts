import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, taipeiDateOf, type Clock } from '@integrity/domain';
import { readsEveryUnit, UnitRegister } from '@integrity/identity';
import { ActiveReadModels } from '@integrity/read-models';
import { unitScope } from '../tenant-scope';
import { DashboardQuery, type Dashboard, type UnitDashboard } from './dashboard.query';
import { median } from './median';

interface Counted {
  _id: { unit: string; key: string | null };
  count: number;
  name?: string | null;
}

const COUNTED_BY = { byStatus: '$status', byNature: '$nature', byCategory: '$category', byTheme: '$theme', byMonth: '$receivedMonth' } as const;

/** Counts per unit and key, in one pass over the unit's reflections (MongoDB's language, so both stores run it). */
function pipeline(scope: Record<string, unknown>, today: string): Record<string, unknown>[] {
  const countBy = (key: string) => [{ $group: { _id: { unit: '$unitId', key }, count: { $sum: 1 } } }];
  const perUnit = [{ $group: { _id: { unit: '$unitId', key: null }, count: { $sum: 1 } } }];
  const fields = ['unitId', 'status', 'nature', 'category', 'theme', 'receivedMonth', 'siteId', 'siteName', 'nextDueOn', 'firstCitizenReplyDays'];
  return [
    { $match: scope },
    { $project: Object.fromEntries(fields.map((field) => [field, 1])) },
    {
      $facet: {
        ...Object.fromEntries(Object.entries(COUNTED_BY).map(([facet, key]) => [facet, countBy(key)])),
        bySite: [{ $group: { _id: { unit: '$unitId', key: '$siteId' }, count: { $sum: 1 }, name: { $first: '$siteName' } } }],
        total: perUnit,
        open: [{ $match: { status: { $ne: 'closed' } } }, ...perUnit],
        overdue: [{ $match: { status: { $ne: 'closed' }, nextDueOn: { $lt: today } } }, ...perUnit],
        replyDays: [
          { $match: { firstCitizenReplyDays: { $ne: null } } },
          { $group: { _id: '$unitId', days: { $push: '$firstCitizenReplyDays' } } },
        ],
      },
    },
  ];
}

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
    const [facets] = await (await this.readModels.current()).reflections.aggregate<Record<string, unknown[]>>(pipeline(scope, today));
    const names = new Map((await this.units.ethicsUnits()).map((unit) => [unit._id, unit.name]));
    const unitIds = readsEveryUnit(actor) && !filters.unitId ? [...names.keys()] : [String(scope.unitId)];
    const dashboards = unitIds.map((unitId) => dashboardOf(unitId, names.get(unitId) ?? null, facets ?? {}));
    return readsEveryUnit(actor) && !filters.unitId ? { units: dashboards } : dashboards[0];
  }
}

function dashboardOf(unitId: string, unitName: string | null, facets: Record<string, unknown[]>): UnitDashboard {
  const rows = (facet: string) => ((facets[facet] ?? []) as Counted[]).filter((row) => row._id.unit === unitId);
  const countsBy = (facet: string) => Object.fromEntries(rows(facet).map((row) => [row._id.key ?? 'none', row.count]));
  const single = (facet: string) => rows(facet)[0]?.count ?? 0;
  const replyDays = ((facets.replyDays ?? []) as { _id: string; days: number[] }[]).find((row) => row._id === unitId)?.days ?? [];
  return {
    unitId,
    unitName,
    total: single('total'),
    byStatus: countsBy('byStatus'),
    byNature: countsBy('byNature'),
    byCategory: countsBy('byCategory'),
    byTheme: countsBy('byTheme'),
    byMonth: countsBy('byMonth'),
    bySite: rows('bySite').map((row) => ({ siteId: row._id.key, siteName: row.name ?? null, count: row.count })),
    open: single('open'),
    overdue: single('overdue'),
    medianDaysToCitizenReply: median(replyDays),
  };
}
