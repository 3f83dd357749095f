import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { REPLY_CHANNELS } from '@integrity/domain';
import { IsCalendarDate } from '@integrity/platform';

/** The citizen withdrew the petition (陳情人撤回): when, how it reached the unit, and in the citizen's words. */
export class RecordCitizenWithdrawalRequestDto {
  @ApiProperty({ example: '2026-11-27', description: 'The day the citizen withdrew, not before the case was received nor after today' })
  @IsCalendarDate()
  withdrawnOn!: string;

  @ApiProperty({ enum: REPLY_CHANNELS, description: 'How the withdrawal reached the unit' })
  @IsString()
  channel!: string;

  @ApiProperty({ example: '問題已由里長協調解決，本人撤回陳情' })
  @IsString()
  @MaxLength(4000)
  statement!: string;
}
