import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
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

  @ApiPropertyOptional({ example: 200 })
  @IsOptional()
  @IsInt()
  quantity?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;
}
