import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@integrity/platform';

/** Ask the agency head to extend the citizen-reply deadline (簽請核准延長). */
export class RequestExtensionRequestDto {
  @ApiProperty({ example: '2027-01-29', description: 'The new due date, later than the current one' })
  @IsCalendarDate()
  newDueOn!: string;

  @ApiProperty({ example: '須俟水利署現勘結果始能答復' })
  @IsString()
  @MaxLength(4000)
  reason!: string;
}
