import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CATEGORIES, NATURES, THEMES } from '@integrity/domain';
import { IsCalendarDate, ReadQueryDto } from '@integrity/platform';

export const REFLECTION_SORTS = ['-receivedOn', 'receivedOn', '-updatedAt'] as const;
export const REFLECTION_STATUSES = ['received', 'in_progress', 'closed'] as const;

/** The list's filters. Anything else, or any operator-shaped value, is refused with a 400. */
export class ReflectionListRequestDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: REFLECTION_STATUSES })
  @IsOptional()
  @IsIn(REFLECTION_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: NATURES })
  @IsOptional()
  @IsIn(NATURES)
  nature?: string;

  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ example: '臺中市' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  county?: string;

  @ApiPropertyOptional({ example: '賴村里' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  village?: string;

  @ApiPropertyOptional({ enum: THEMES })
  @IsOptional()
  @IsIn(THEMES)
  theme?: string;

  @ApiPropertyOptional({ example: '2026-11-01' })
  @IsOptional()
  @IsCalendarDate()
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  receivedTo?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only reflections with an obligation past its due date' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: string;

  @ApiPropertyOptional({ enum: ['true'], description: 'Only reflections with a question put to the head and not yet decided (the head’s to-do list)' })
  @IsOptional()
  @IsIn(['true'])
  awaitingHead?: string;

  @ApiPropertyOptional({ example: '河川', description: 'Words in the summary (found as a substring: Chinese has no spaces)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'AAC only: one unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ enum: REFLECTION_SORTS, default: '-receivedOn' })
  @IsOptional()
  @IsIn(REFLECTION_SORTS)
  sort?: (typeof REFLECTION_SORTS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
