import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { notFound } from '@integrity/domain';
import { Public, READING_ROLES, Roles } from '@integrity/identity';
import { ApiRefusals } from '@integrity/platform';
import { REGISTER_SOURCE, VillageRegister } from './village-register';

export class VillageSearchDto {
  @ApiPropertyOptional({ example: '東湖', description: 'Words found in the county, town or village name (台 or 臺)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** Taiwan's villages from the Ministry of the Interior's register: searched by name, read by code. */
@ApiTags('places')
@Controller('places')
export class PlacesHttpController {
  constructor(private readonly register: VillageRegister) {}

  @ApiOperation({ summary: 'Villages whose county, town or village name holds every word of q' })
  @ApiBearerAuth()
  @ApiRefusals(400, 401, 403)
  @Get('villages')
  @Roles(...READING_ROLES)
  villages(@Query() query: VillageSearchDto) {
    return { items: this.register.search(query.q ?? '', query.limit ?? 20) };
  }

  @ApiOperation({ summary: 'One village by its official code (村里代碼)' })
  @ApiBearerAuth()
  @ApiRefusals(401, 403, 404)
  @Get('villages/:code')
  @Roles(...READING_ROLES)
  village(@Param('code') code: string) {
    const village = this.register.byVillageCode(code);
    if (!village) throw notFound('UNKNOWN_VILLAGE', 'No village of the register has this code');
    return village;
  }

  @Public()
  @ApiOperation({ summary: "The register's source, edition and date, and how many villages it holds" })
  // Only a malformed X-Min-Position (read-your-writes, on every GET) is refused.
  @ApiRefusals(400)
  @Get('version')
  version() {
    return { ...REGISTER_SOURCE, version: this.register.version, date: this.register.date, villages: this.register.villages.length };
  }
}
