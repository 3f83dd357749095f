import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ReadQueryDto } from '@integrity/platform';

export const FOLLOW_UP_STATES = ['open', 'due', 'overdue'] as const;
export const OBLIGATION_KINDS = ['citizen_reply', 'department_answer', 'head_decision', 'agency_reply'] as const;

export class FollowUpsRequestDto extends ReadQueryDto {
  @ApiPropertyOptional({
    enum: FOLLOW_UP_STATES,
    default: 'open',
    description: 'open: every open obligation; due: due today or within the next 2 working days; overdue: past its due date',
  })
  @IsOptional()
  @IsIn(FOLLOW_UP_STATES)
  state?: (typeof FOLLOW_UP_STATES)[number];

  @ApiPropertyOptional({ enum: OBLIGATION_KINDS })
  @IsOptional()
  @IsIn(OBLIGATION_KINDS)
  kind?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'AAC only: one unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
