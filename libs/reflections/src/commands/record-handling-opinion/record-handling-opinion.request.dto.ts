import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RecordHandlingOpinionRequestDto {
  @ApiProperty({ example: '簽會工務課並陳報首長' })
  @IsString()
  @MaxLength(4000)
  opinion!: string;
}
