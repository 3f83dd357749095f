import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { HEAD_DECISIONS, HEAD_DECISION_SUBJECTS } from '@integrity/domain';
import { HeadSignatureRequestDto } from '@integrity/identity';

/** The head's decision on what was put to them; anybody but the head records it with the signed document's reference and date. */
export class RecordHeadDecisionRequestDto extends HeadSignatureRequestDto {
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

  @ApiPropertyOptional({ example: '請函請水利署參處並持續追蹤' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  instructions?: string;
}
