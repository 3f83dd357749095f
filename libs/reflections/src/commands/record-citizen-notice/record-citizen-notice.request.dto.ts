import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CITIZEN_NOTICE_KINDS, REPLY_CHANNELS } from '@integrity/domain';
import { IsCalendarDate } from '@integrity/platform';

/** The citizen was told: of a referral to another agency (行政程序法§172), or in writing why the reply is extended. */
export class RecordCitizenNoticeRequestDto {
  @ApiProperty({ enum: CITIZEN_NOTICE_KINDS })
  @IsIn(CITIZEN_NOTICE_KINDS)
  kind!: string;

  @ApiPropertyOptional({ example: '經濟部水利署', description: 'For a referral notice: which referral (the oldest owed when absent)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agency?: string;

  @ApiProperty({ enum: REPLY_CHANNELS, description: 'An extension notice must be written: letter, email or fax' })
  @IsString()
  channel!: string;

  @ApiProperty({ example: '2026-11-27' })
  @IsCalendarDate()
  sentOn!: string;

  @ApiProperty({ example: '本案已函請經濟部水利署參處，後續由該署答復臺端' })
  @IsString()
  @MaxLength(4000)
  content!: string;
}
