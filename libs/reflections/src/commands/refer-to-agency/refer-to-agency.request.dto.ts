import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ISO_DATE_MESSAGE, ISO_DATE_PATTERN } from '@integrity/domain';

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
  @Matches(ISO_DATE_PATTERN, { message: ISO_DATE_MESSAGE })
  sentOn!: string;

  @ApiPropertyOptional({ example: '2026-12-26' })
  @IsOptional()
  @Matches(ISO_DATE_PATTERN, { message: ISO_DATE_MESSAGE })
  dueOn?: string;
}
