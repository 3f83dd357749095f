import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
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

  @ApiPropertyOptional({ example: '66000060015', description: "The village's code in the Ministry of the Interior's register (GET /places/villages): its names are then the register's" })
  @IsOptional()
  @Matches(/^\d{11}$/, { message: 'villageCode must be 11 digits' })
  villageCode?: string;

  @ApiPropertyOptional({ example: '臺中市', description: 'Required without villageCode' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  county?: string;

  @ApiPropertyOptional({ example: '北區', description: 'Required without villageCode' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  township?: string;

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
