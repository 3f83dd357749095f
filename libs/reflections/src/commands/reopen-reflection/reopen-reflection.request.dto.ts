import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class ReopenReflectionRequestDto {
  @ApiProperty({ example: '民眾再次反映仍未改善' })
  @IsString()
  @MaxLength(4000)
  reason!: string;
}
