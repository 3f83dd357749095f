import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentActor, READING_ROLES, Roles, unitScope, type Actor } from '@integrity/identity';
import { ApiRefusals } from '@integrity/platform';
import { ActiveReadModels, NONE } from '@integrity/read-models';
import { DashboardRequestDto } from './dashboard.request.dto';

export const PLACE_LEVELS = ['village', 'town', 'county'] as const;

export class PlacesDashboardRequestDto extends DashboardRequestDto {
  @ApiPropertyOptional({ enum: PLACE_LEVELS, default: 'village' })
  @IsOptional()
  @IsIn(PLACE_LEVELS)
  level?: (typeof PLACE_LEVELS)[number];
}

/** Reflections counted by place; a row with no county holds those recorded without a site. */
export interface PlaceCount {
  county: string | null;
  town: string | null;
  village: string | null;
  villageCode: string | null;
  count: number;
}

/**
 * Where reflections come from: the dashboard's counts by site, summed by the sites' village, town or county (the
 * register's names, and its code where the site has one). The same counts as the dashboard's, so the two agree.
 */
@ApiTags('dashboard')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('dashboard/places')
export class PlacesDashboardHttpController {
  constructor(private readonly readModels: ActiveReadModels) {}

  @ApiOperation({ summary: 'Reflections by village, town or county (the AAC: every unit together, or one with unitId)' })
  @Get()
  @Roles(...READING_ROLES)
  async places(@Query() query: PlacesDashboardRequestDto, @CurrentActor() actor: Actor): Promise<{ level: string; items: PlaceCount[] }> {
    const level = query.level ?? 'village';
    const scope = unitScope(actor, query.unitId);
    const set = await this.readModels.current();
    const counted = await set.dashboardCounts.find(scope.unitId ? { _id: scope.unitId } : {});
    const bySite = new Map<string, number>();
    for (const counts of counted) for (const [siteId, count] of Object.entries(counts.bySite)) bySite.set(siteId, (bySite.get(siteId) ?? 0) + count);
    const sites = new Map((await set.sites.find({ _id: { $in: [...bySite.keys()].filter((id) => id !== NONE) } })).map((site) => [site._id, site]));
    const places = new Map<string, PlaceCount>();
    for (const [siteId, count] of bySite) {
      const site = sites.get(siteId);
      const place: PlaceCount = {
        county: site?.county ?? null,
        town: level === 'county' ? null : (site?.township ?? null),
        village: level === 'village' ? (site?.village ?? null) : null,
        villageCode: level === 'village' ? (site?.villageCode ?? null) : null,
        count: 0,
      };
      const key = [place.county, place.town, place.village].join('/');
      const held = places.get(key) ?? place;
      places.set(key, { ...held, count: held.count + count });
    }
    const items = [...places.values()].filter((place) => place.count > 0);
    return { level, items: items.sort((a, b) => b.count - a.count || String(a.county).localeCompare(String(b.county)) || String(a.town).localeCompare(String(b.town)) || String(a.village).localeCompare(String(b.village))) };
  }
}
