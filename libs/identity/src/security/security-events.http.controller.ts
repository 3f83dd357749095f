import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ReadQueryDto } from '@integrity/platform';
import { Roles } from '../auth/auth.decorators';
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

const cursorOf = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function positionOf(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // not JSON: refused below, like any cursor this API did not give out
  }
  throw new IdentityError('INVALID_CURSOR', 'cursor is not one this API gave out', 400, 'cursor');
}

/** Failed sign-ins, lockouts, role changes, deactivations, password changes and erasures, for the administrator. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('security-events')
export class SecurityEventsHttpController {
  constructor(private readonly log: SecurityLog) {}

  @Get()
  @Roles('admin')
  async list(@Query() query: SecurityEventsQueryDto) {
    const limit = query.limit ?? 50;
    const events = await this.log.page(limit + 1, query.cursor ? positionOf(query.cursor) : null, query.type ?? null);
    const items = events.slice(0, limit).map(({ _id, ...event }) => ({ id: _id, ...event }));
    const last = items[items.length - 1];
    return { items, nextCursor: events.length > limit && last ? cursorOf(last.at, last.id) : null };
  }
}
