import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '@integrity/platform';

export class RouteReflectionRequestDto {
  @ApiProperty({ example: ['工務課'], description: 'Departments of the own agency (簽會相關單位)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  departments!: string[];

  @ApiPropertyOptional({ example: '2026-12-08', description: 'Overrides the default deadline' })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;
}
