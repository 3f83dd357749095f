import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ISO_DATE_MESSAGE, ISO_DATE_PATTERN } from '@integrity/domain';

export class RouteReflectionRequestDto {
  @ApiProperty({ example: ['工務課'], description: 'Departments of the own agency (簽會相關單位)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  departments!: string[];

  @ApiPropertyOptional({ example: '2026-12-08', description: 'Overrides the default deadline' })
  @IsOptional()
  @Matches(ISO_DATE_PATTERN, { message: ISO_DATE_MESSAGE })
  dueOn?: string;
}
