import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ReadQueryDto } from '@integrity/platform';

export class PublicResultsRequestDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: '臺中市' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  county?: string;

  @ApiPropertyOptional({ example: '大里區' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  township?: string;

  @ApiPropertyOptional({ example: '賴村里' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  village?: string;

  @ApiPropertyOptional({ example: '疏濬', description: 'Words in the public summary' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
