import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { UNIT_KINDS } from './unit-register';

export class CreateUnitRequestDto {
  @ApiProperty({ example: 'TXG-CIV', description: 'Short unique code of the ethics unit' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, { message: 'code must be 1 to 40 letters, digits, - or _' })
  code!: string;

  @ApiProperty({ example: '臺中市政府政風處' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '臺中市政府' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  agencyName!: string;

  @ApiPropertyOptional({ enum: UNIT_KINDS, default: 'ethics_unit', description: 'aac for the Agency Against Corruption, whose users audit every unit' })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: (typeof UNIT_KINDS)[number];
}
