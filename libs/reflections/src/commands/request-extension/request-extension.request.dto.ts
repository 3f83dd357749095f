import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ISO_DATE_MESSAGE, ISO_DATE_PATTERN } from '@integrity/domain';

/** Ask the agency head to extend the citizen-reply deadline (簽請核准延長). */
export class RequestExtensionRequestDto {
  @ApiProperty({ example: '2027-01-29', description: 'The new due date, later than the current one' })
  @Matches(ISO_DATE_PATTERN, { message: ISO_DATE_MESSAGE })
  newDueOn!: string;

  @ApiProperty({ example: '須俟水利署現勘結果始能答復' })
  @IsString()
  @MaxLength(4000)
  reason!: string;
}
