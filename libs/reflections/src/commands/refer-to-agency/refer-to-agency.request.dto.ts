import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@integrity/platform';

/** Refer by official letter (函請相關機關參處), once the head has approved. */
export class ReferToAgencyRequestDto {
  @ApiProperty({ example: '經濟部水利署' })
  @IsString()
  @MaxLength(200)
  agency!: string;

  @ApiProperty({ example: '府授政字第1150012345號', description: 'Letter number (文號)' })
  @IsString()
  @MaxLength(200)
  letterNo!: string;

  @ApiProperty({ example: '2026-11-26' })
  @IsCalendarDate()
  sentOn!: string;

  @ApiPropertyOptional({ example: '2026-12-26' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;
}
