import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsAsOf, ReadQueryDto } from '@integrity/platform';

/** The filters every audit list shares: who, from when to when, and a page after a cursor. */
export class AuditRangeQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who acted (or read)' })
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
