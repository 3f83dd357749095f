import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ReportToHeadRequestDto {
  @ApiPropertyOptional({ example: '陳報首長作為施政參考' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}
