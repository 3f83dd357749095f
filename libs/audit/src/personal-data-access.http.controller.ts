import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { CurrentActor, readsEveryUnit, Roles, UserDirectory, type Actor } from '@integrity/identity';
import { ApiRefusals, asOfInstant } from '@integrity/platform';
import { ActiveReadModels } from '@integrity/read-models';
import { AuditRangeQueryDto } from './audit-range-query.dto';
import { between, pageNewestFirst } from './newest-first';

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
    private readonly readModels: ActiveReadModels,
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
    const filter = {
      ...(everyUnit ? {} : { reflectionUnitId: actor.unitId }),
      ...(query.reflectionId ? { reflectionId: query.reflectionId } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...between('at', from, to),
    };
    const { personalDataAccess } = await this.readModels.current();
    const { items, nextCursor } = await pageNewestFirst(personalDataAccess, filter, query.limit ?? 50, query.cursor);
    const names = await this.users.displayNames(items.map((access) => access.actorId));
    return { items: items.map(({ _id, _position, ...access }) => ({ ...access, actorName: names.get(access.actorId) ?? null })), nextCursor };
  }
}
