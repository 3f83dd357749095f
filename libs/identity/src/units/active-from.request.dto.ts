import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '@integrity/platform';

/** The day a unit started using the product: its biweekly reports are owed from the period holding it. */
export class ActiveFromRequestDto {
  @ApiProperty({ example: '2025-01-06', description: 'A date (YYYY-MM-DD), not later than today in Asia/Taipei' })
  @IsCalendarDate()
  activeFrom!: string;
}
