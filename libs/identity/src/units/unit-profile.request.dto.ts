import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AGENCY_LEVELS, TAIWAN_COUNTIES, type AgencyLevel } from '@integrity/domain';

/** Where and under whom a unit's agency is: what the AAC filters its table of every unit by. */
export class UnitProfileRequestDto {
  @ApiPropertyOptional({ type: String, enum: TAIWAN_COUNTIES, nullable: true, description: 'The county or city the agency serves; null for a central agency' })
  @IsOptional()
  @IsIn(TAIWAN_COUNTIES, { message: 'county must be one of Taiwan’s 22 counties and cities, written with 臺' })
  county?: string | null;

  @ApiPropertyOptional({ type: String, example: '內政部', nullable: true, description: 'The ministry (or local government) the agency is under' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ministry?: string | null;

  @ApiPropertyOptional({ type: String, enum: AGENCY_LEVELS, nullable: true, description: 'central (中央機關) or local (地方機關)' })
  @IsOptional()
  @IsIn(AGENCY_LEVELS)
  level?: AgencyLevel | null;
}
