import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PROMOTION_KINDS } from '@integrity/domain';
import { IsCalendarDate } from '@integrity/platform';


export class RecordPromotionRequestDto {
  @ApiProperty({ enum: PROMOTION_KINDS })
  @IsString()
  kind!: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiProperty({ example: '於里民大會發放廉政文宣' })
  @IsString()
  @MaxLength(4000)
  description!: string;

  @ApiPropertyOptional({ example: 200, maximum: 1000000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  quantity?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;
}
