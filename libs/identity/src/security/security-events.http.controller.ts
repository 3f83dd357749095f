import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiRefusals, ReadQueryDto } from '@integrity/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import type { Actor } from '../roles';
import { IdentityError } from '../identity-error';
import { SECURITY_EVENT_TYPES, SecurityLog, type SecurityEventType } from './security-log';

class SecurityEventsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: SECURITY_EVENT_TYPES })
  @IsOptional()
  @IsIn(SECURITY_EVENT_TYPES)
  type?: SecurityEventType;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the page before' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Failed sign-ins, lockouts, role changes, deactivations, password changes and erasures, for the administrator. */
@ApiTags('identity')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('security-events')
export class SecurityEventsHttpController {
  constructor(private readonly log: SecurityLog) {}

  @ApiOperation({ summary: 'Security events: sign-ins refused, accounts locked, roles changed; for the AAC, the status page lookups that matched no case (type=status_lookup_unmatched)' })
  @Get()
  @Roles('admin', 'aac_auditor')
  async list(@Query() query: SecurityEventsQueryDto, @CurrentActor() actor: Actor) {
    // The AAC audits the citizens' status page: of the security log, it reads the lookups that matched no case.
    if (!actor.roles.includes('admin') && query.type !== 'status_lookup_unmatched') {
      throw new IdentityError('FORBIDDEN', 'The AAC reads only type=status_lookup_unmatched here', 403, 'type');
    }
    const { items, nextCursor } = await this.log.page(query.limit ?? 50, query.cursor, query.type ?? null);
    return { items: items.map(({ _id, ...event }) => ({ id: _id, ...event })), nextCursor };
  }
}
