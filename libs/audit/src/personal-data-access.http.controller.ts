import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@integrity/event-store';
import { accessOf, accessStream, CurrentActor, PERSONAL_DATA_ACCESS_CATEGORY, readsEveryUnit, Roles, UserDirectory, type Actor, type PersonalDataAccess } from '@integrity/identity';
import { asOfInstant, IsAsOf, ReadQueryDto } from '@integrity/platform';

const PAGE = 2000;

class PersonalDataAccessQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  reflectionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Who read' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  /** From this instant, or from the start of this day in Taipei. */
  @IsAsOf()
  from?: string;

  /** Up to this instant, or to the end of this day in Taipei. */
  @IsAsOf()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,60}$/, { message: 'cursor must be one this API gave out' })
  cursor?: string;
}

/** Who saw a reporter's data (個人資料保護法): supervisors for their unit's cases, the AAC and administrators for all. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/personal-data-access')
export class PersonalDataAccessHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly users: UserDirectory,
  ) {}

  /** Newest first, a page at a time. */
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
      (!to || Date.parse(access.at) <= to.getTime()) &&
      (!query.cursor || BigInt(access.position) < BigInt(query.cursor));
    const found = (await this.recorded(query.reflectionId)).map(accessOf).filter(wanted);
    found.sort((a, b) => (BigInt(b.position) > BigInt(a.position) ? 1 : -1));
    const limit = query.limit ?? 50;
    const page = found.slice(0, limit);
    const names = await this.users.displayNames(page.map((access) => access.actorId));
    return {
      items: page.map((access) => ({ ...access, actorName: names.get(access.actorId) ?? null })),
      nextCursor: found.length > limit ? page[page.length - 1].position : null,
    };
  }

  /** One reflection's access stream, or every access stream read through. */
  private async recorded(reflectionId: string | undefined): Promise<RecordedEvent[]> {
    if (reflectionId) return this.events.readStream(accessStream(reflectionId));
    const all: RecordedEvent[] = [];
    for (let after: bigint | null = null; ; ) {
      const page = await this.events.readAll(after, PAGE, { categories: [PERSONAL_DATA_ACCESS_CATEGORY] });
      if (page.length === 0) return all;
      all.push(...page);
      after = page[page.length - 1].position;
    }
  }
}
