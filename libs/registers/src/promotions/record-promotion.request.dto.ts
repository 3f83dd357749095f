import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PROMOTION_KINDS, ISO_DATE_MESSAGE, ISO_DATE_PATTERN } from '@integrity/domain';


export class RecordPromotionRequestDto {
  @ApiProperty({ enum: PROMOTION_KINDS })
  @IsString()
  kind!: string;

  @ApiProperty({ example: '2026-11-20' })
  @Matches(ISO_DATE_PATTERN, { message: ISO_DATE_MESSAGE })
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
