import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A unit's own deadlines; what is left out keeps the programme's default. */
export class DeadlinePolicyRequestDto {
  @ApiPropertyOptional({ example: 7, description: 'Working days a department has to answer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  departmentAnswerWorkingDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Working days the agency head has to decide' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  headDecisionWorkingDays?: number;

  @ApiPropertyOptional({ example: 30, description: 'Days another agency has to reply to a referral' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  agencyReplyDays?: number;

  @ApiPropertyOptional({ example: 30, description: 'Days to reply to the citizen' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  citizenReplyDays?: number;

  @ApiPropertyOptional({ example: 5, description: 'Working days to notify the citizen of a referral or, in writing, of an extension' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  citizenNoticeWorkingDays?: number;

  @ApiPropertyOptional({ example: 2, description: 'Working days before the due date the first reminder goes out' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  reminderWorkingDaysBefore?: number;

  @ApiPropertyOptional({ example: 3, description: 'Working days after the due date the first escalation goes out' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  escalationAfterWorkingDays?: number;

  @ApiPropertyOptional({ example: 7, description: 'Days between escalations' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  escalationRepeatDays?: number;
}
