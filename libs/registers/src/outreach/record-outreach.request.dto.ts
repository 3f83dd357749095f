import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OUTREACH_METHODS, THEMES } from '@integrity/domain';
import { IsCalendarDate } from '@integrity/platform';


export class RecordOutreachRequestDto {
  @ApiProperty({ enum: OUTREACH_METHODS })
  @IsString()
  method!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ enum: THEMES })
  @IsOptional()
  @IsString()
  theme?: string;

  @ApiPropertyOptional({ example: 25, maximum: 100000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  participants?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}
