import { Query } from '@nestjs/cqrs';
import type { Actor, UnitProfile } from '@integrity/identity';
import type { DashboardRequestDto } from './dashboard.request.dto';

export interface UnitDashboard {
  unitId: string;
  unitName: string | null;
  /** The unit's county, ministry and level, as the administrator set them (all null before). */
  profile: UnitProfile;
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
