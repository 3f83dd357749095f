import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CATEGORIES, NATURES, THEMES } from '@integrity/domain';
import { IsCalendarDate } from '@integrity/platform';


/** Reporter (反映者): personal data, stored encrypted. Every field optional: a reporter may stay anonymous. */
export class ReporterDto {
  @ApiPropertyOptional({ example: '王小明' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: '農' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  occupation?: string;

  @ApiPropertyOptional({ example: '0912-345-678', description: 'A Taiwanese phone number' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  phone?: string;

  @ApiPropertyOptional({ example: '臺中市北區中華路1號' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;
}

/** The work record form (Attachment 1) as a request. */
export class ReceiveReflectionRequestDto {
  @ApiProperty({ enum: NATURES })
  @IsString()
  nature!: string;

  @ApiProperty({ enum: CATEGORIES, description: 'Must belong to the nature' })
  @IsString()
  category!: string;

  @ApiProperty({ example: '河川疏濬延宕，雨季恐淹水', maxLength: 4000 })
  @IsString()
  summary!: string;

  @ApiProperty({ example: '2026-11-26', description: 'Date received (Asia/Taipei), not in the future' })
  @IsCalendarDate()
  receivedOn!: string;

  @ApiPropertyOptional({ type: ReporterDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReporterDto)
  reporter?: ReporterDto;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  outreachId?: string;

  @ApiPropertyOptional({
    example: '66000060015',
    description: "The village the matter concerns, by its code in the Ministry of the Interior's register (GET /places/villages); without it, the site's village",
  })
  @IsOptional()
  @Matches(/^\d{11}$/, { message: 'villageCode must be 11 digits' })
  villageCode?: string;

  @ApiPropertyOptional({ enum: THEMES })
  @IsOptional()
  @IsString()
  theme?: string;

  @ApiPropertyOptional({ example: '簽會工務課處理' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  handlingOpinion?: string;

  @ApiPropertyOptional({
    description:
      'A receipt code is given whenever the reporter left a phone number (checked by its last four digits); without one, true asks for a code checked by a 4-digit PIN',
  })
  @IsOptional()
  @IsBoolean()
  wantsReceipt?: boolean;
}
