import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Every read accepts minPosition: answer only once the read models hold the event at that position. */
export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'A command’s position: wait (up to 2 s) until the read models have it', example: '42' })
  @IsOptional()
  @Matches(/^\d{1,60}$/, { message: 'minPosition must be a position as a command answered it (digits)' })
  minPosition?: string;
}
