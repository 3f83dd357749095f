import { Query } from '@nestjs/cqrs';
import type { Actor } from '@integrity/identity';
import type { DashboardRequestDto } from './dashboard.request.dto';

export interface UnitDashboard {
  unitId: string;
  unitName: string | null;
  total: number;
  byStatus: Record<string, number>;
  byNature: Record<string, number>;
  byCategory: Record<string, number>;
  byTheme: Record<string, number>;
  byMonth: Record<string, number>;
  bySite: { siteId: string | null; siteName: string | null; count: number }[];
  open: number;
  overdue: number;
  medianDaysToCitizenReply: number | null;
}

/** A unit's own dashboard; for the AAC every unit side by side. */
export type Dashboard = UnitDashboard | { units: UnitDashboard[] };

export class DashboardQuery extends Query<Dashboard> {
  constructor(
    readonly filters: DashboardRequestDto,
    readonly actor: Actor,
  ) {
    super();
  }
}
