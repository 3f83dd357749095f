import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { HEAD_DECISIONS, HEAD_DECISION_SUBJECTS } from '@integrity/domain';

export class RecordHeadDecisionRequestDto {
  @ApiProperty({ enum: HEAD_DECISION_SUBJECTS })
  @IsString()
  subject!: string;

  @ApiProperty({ enum: HEAD_DECISIONS })
  @IsString()
  decision!: string;

  @ApiPropertyOptional({ example: '經濟部水利署', description: 'Required when the subject is a referral' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agency?: string;

  @ApiPropertyOptional({ example: '請函轉水利署並持續追蹤' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  instructions?: string;
}
