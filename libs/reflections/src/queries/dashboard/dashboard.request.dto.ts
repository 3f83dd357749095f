import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ReadQueryDto } from '@integrity/platform';

export class DashboardRequestDto extends ReadQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'AAC only: one unit' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}
