import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { invalid, notFound } from '@integrity/domain';
import { Public, READING_ROLES, Roles } from '@integrity/identity';
import { ApiRefusals } from '@integrity/platform';
import { PlaceShapes, SHAPE_LEVELS, type ShapeLevel } from './place-shapes';
import { officialName, REGISTER_SOURCE, VillageRegister } from './village-register';

export class ShapesDto {
  @ApiPropertyOptional({ enum: SHAPE_LEVELS, default: 'county' })
  @IsOptional()
  @IsIn(SHAPE_LEVELS)
  level?: ShapeLevel;

  @ApiPropertyOptional({ example: '臺中市', description: 'For towns and villages: the county whose are drawn' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  county?: string;
}

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
  constructor(
    private readonly register: VillageRegister,
    private readonly shapes: PlaceShapes,
  ) {}

  @ApiOperation({ summary: 'Villages whose county, town or village name holds every word of q' })
  @ApiBearerAuth()
  @ApiRefusals(400, 401, 403)
  @Get('villages')
  @Roles(...READING_ROLES, 'admin')
  villages(@Query() query: VillageSearchDto) {
    return { items: this.register.search(query.q ?? '', query.limit ?? 20) };
  }

  @ApiOperation({ summary: 'One village by its official code (村里代碼)' })
  @ApiBearerAuth()
  @ApiRefusals(401, 403, 404)
  @Get('villages/:code')
  @Roles(...READING_ROLES, 'admin')
  village(@Param('code') code: string) {
    const village = this.register.byVillageCode(code);
    if (!village) throw notFound('UNKNOWN_VILLAGE', 'No village of the register has this code');
    return village;
  }

  @Public()
  @ApiOperation({ summary: "The register's shapes as GeoJSON, for maps: every county, or one county's towns or villages (public register data, cached a week)" })
  @ApiRefusals(400, 404)
  @Get('shapes')
  shapesOf(@Query() query: ShapesDto, @Req() request: Request, @Res() response: Response): void {
    const level = query.level ?? 'county';
    if (level !== 'county' && !query.county) throw invalid('REQUIRED', 'county', 'county is required for towns and villages');
    const shapes = this.shapes.of(level, level === 'county' ? null : officialName(query.county as string));
    if (!shapes) throw notFound('UNKNOWN_COUNTY', 'No county of the register has this name');
    const accepted = String(request.headers['accept-encoding'] ?? '');
    const encoding = accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : null;
    // Register data, the same for everyone until the package changes: the browser keeps it (not personal data).
    response.setHeader('Cache-Control', 'public, max-age=604800');
    response.setHeader('Content-Type', 'application/geo+json; charset=utf-8');
    response.setHeader('Vary', 'Accept-Encoding');
    if (encoding) response.setHeader('Content-Encoding', encoding);
    response.end(encoding ? shapes[encoding] : shapes.json);
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
