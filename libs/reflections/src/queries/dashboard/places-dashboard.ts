import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, READING_ROLES, Roles, unitScope, type Actor } from '@integrity/identity';
import { ApiRefusals } from '@integrity/platform';
import { VillageRegister, villagePlaceOf } from '@integrity/places';
import { ActiveReadModels, type SiteDocument } from '@integrity/read-models';
import { DashboardRequestDto } from './dashboard.request.dto';

export const PLACE_LEVELS = ['village', 'town', 'county'] as const;
const UNREAD = ['byStatus', 'byNature', 'byCategory', 'byTheme', 'byMonth', 'bySite', 'siteNames', 'openByNextDueOn', 'byDaysToCitizenReply'];

export class PlacesDashboardRequestDto extends DashboardRequestDto {
  @ApiPropertyOptional({ enum: PLACE_LEVELS, default: 'village' })
  @IsOptional()
  @IsIn(PLACE_LEVELS)
  level?: (typeof PLACE_LEVELS)[number];
}

/** Reflections counted by place; a row with no county holds those recorded with neither a village nor a site. */
export interface PlaceCount {
  county: string | null;
  town: string | null;
  village: string | null;
  villageCode: string | null;
  count: number;
}

/**
 * Where reflections come from: the dashboard's counts by place (the village the form named, else the site's),
 * summed by village, town or county (the register's names, and its code where there is one). The same counts as
 * the dashboard's, so the two agree.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('dashboard/places')
export class PlacesDashboardHttpController {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly register: VillageRegister,
  ) {}

  @ApiOperation({ summary: 'Reflections by village, town or county (the AAC: every unit together, or one with unitId)' })
  @Get()
  @Roles(...READING_ROLES)
  async places(@Query() query: PlacesDashboardRequestDto, @CurrentActor() actor: Actor): Promise<{ level: string; items: PlaceCount[] }> {
    const level = query.level ?? 'village';
    const scope = unitScope(actor, query.unitId);
    const set = await this.readModels.current();
    // Only the counts by place: every unit's other tallies would be read and copied for nothing.
    const counted = await set.dashboardCounts.find(scope.unitId ? { _id: scope.unitId } : {}, { exclude: UNREAD });
    const byPlace = new Map<string, number>();
    for (const counts of counted) for (const [key, count] of Object.entries(counts.byPlace)) byPlace.set(key, (byPlace.get(key) ?? 0) + count);
    const siteIds = [...byPlace.keys()].filter((key) => key.startsWith('s:')).map((key) => key.slice(2));
    const sites = new Map((await set.sites.find({ _id: { $in: siteIds } })).map((site) => [site._id, site]));
    const places = new Map<string, PlaceCount>();
    for (const [key, count] of byPlace) {
      const where = this.whereOf(key, sites);
      const place: PlaceCount = {
        county: where?.county ?? null,
        town: level === 'county' ? null : (where?.township ?? null),
        village: level === 'village' ? (where?.village ?? null) : null,
        villageCode: level === 'village' ? (where?.villageCode ?? null) : null,
        count: 0,
      };
      const placeKey = [place.county, place.town, place.village].join('/');
      const held = places.get(placeKey) ?? place;
      places.set(placeKey, { ...held, count: held.count + count });
    }
    const items = [...places.values()].filter((place) => place.count > 0);
    return { level, items: items.sort((a, b) => b.count - a.count || String(a.county).localeCompare(String(b.county)) || String(a.town).localeCompare(String(b.town)) || String(a.village).localeCompare(String(b.village))) };
  }

  /** A counted place: a village of the register by its code, or a site where it is now; null for neither. */
  private whereOf(key: string, sites: Map<string, SiteDocument>): { county: string; township: string; village: string | null; villageCode: string | null } | null {
    if (key.startsWith('v:')) {
      const village = this.register.byVillageCode(key.slice(2));
      return village && villagePlaceOf(village);
    }
    return sites.get(key.slice(2)) ?? null;
  }
}
