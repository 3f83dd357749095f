import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SITE_TYPES } from '@integrity/domain';

export class PlatformContactDto {
  @ApiProperty({ example: '陳里長' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '04-2222-3333' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  phone?: string;
}

export class RegisterSiteRequestDto {
  @ApiProperty({ enum: SITE_TYPES })
  @IsString()
  type!: string;

  @ApiProperty({ example: '北區賴村里辦公室' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '臺中市' })
  @IsString()
  @MaxLength(200)
  county!: string;

  @ApiProperty({ example: '北區' })
  @IsString()
  @MaxLength(200)
  township!: string;

  @ApiPropertyOptional({ example: '賴村里' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  village?: string;

  @ApiPropertyOptional({ type: PlatformContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PlatformContactDto)
  contact?: PlatformContactDto;
}
