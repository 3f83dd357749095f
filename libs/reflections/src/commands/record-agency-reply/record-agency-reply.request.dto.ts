import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class RecordAgencyReplyRequestDto {
  @ApiProperty({ example: '經濟部水利署' })
  @IsString()
  @MaxLength(200)
  agency!: string;

  @ApiProperty({ example: '已列入明年度疏濬計畫' })
  @IsString()
  @MaxLength(4000)
  reply!: string;

  @ApiPropertyOptional({ example: '水授字第1150005678號' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  letterNo?: string;
}
