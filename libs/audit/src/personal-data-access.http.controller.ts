import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { accessOf, accessStream, CurrentActor, PERSONAL_DATA_ACCESS_CATEGORY, readsEveryUnit, Roles, UserDirectory, type Actor, type PersonalDataAccess } from '@integrity/identity';
import { ApiRefusals, asOfInstant } from '@integrity/platform';
import { AuditRangeQueryDto } from './audit-range-query.dto';
import { everyEvent, pageNewestFirst } from './newest-first';

class PersonalDataAccessQueryDto extends AuditRangeQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  reflectionId?: string;
}

/** Who saw a reporter's data (個人資料保護法): supervisors for their unit's cases, the AAC and administrators for all. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('audit/personal-data-access')
export class PersonalDataAccessHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly users: UserDirectory,
  ) {}

  /** Newest first, a page at a time. */
  @ApiOperation({ summary: "Who read or exported reporters' personal data, and when" })
  @Get()
  @Roles('supervisor', 'aac_auditor', 'admin')
  async list(@Query() query: PersonalDataAccessQueryDto, @CurrentActor() actor: Actor) {
    const from = asOfInstant(query.from, 'from', 'start');
    const to = asOfInstant(query.to, 'to');
    const everyUnit = readsEveryUnit(actor) || actor.roles.includes('admin');
    const wanted = (access: PersonalDataAccess) =>
      (everyUnit || access.reflectionUnitId === actor.unitId) &&
      (!query.actorId || access.actorId === query.actorId) &&
      (!from || Date.parse(access.at) >= from.getTime()) &&
      (!to || Date.parse(access.at) <= to.getTime());
    const recorded = query.reflectionId ? await this.events.readStream(accessStream(query.reflectionId)) : await everyEvent(this.events, { categories: [PERSONAL_DATA_ACCESS_CATEGORY] });
    const { items, nextCursor } = pageNewestFirst(recorded.map(accessOf).filter(wanted), query.limit ?? 50, query.cursor);
    const names = await this.users.displayNames(items.map((access) => access.actorId));
    return { items: items.map((access) => ({ ...access, actorName: names.get(access.actorId) ?? null })), nextCursor };
  }
}
