import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { TASK_FORCE_ROLES, THEMES } from '@integrity/domain';
import { IsCalendarDate } from '@integrity/platform';

export class PlanSiteDto {
  @ApiProperty({ description: 'A platform site of the unit' })
  @IsUUID()
  siteId!: string;

  @ApiProperty({ example: 30, description: 'Days between visits to the site’s contact (定期造訪平臺聯絡人)' })
  @IsInt()
  visitEveryDays!: number;
}

export class TaskForceMemberDto {
  @ApiProperty({ example: '賴村里幹事' })
  @IsString()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: TASK_FORCE_ROLES })
  @IsIn(TASK_FORCE_ROLES)
  role!: string;

  @ApiPropertyOptional({ description: 'The member’s user, when they sign in' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

/** A unit's detailed implementation plan (村里廉政平臺細部實施計畫), drafted or revised. */
export class PlanRequestDto {
  @ApiProperty({ example: '臺中市政府116年度村里廉政平臺細部實施計畫' })
  @IsString()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '2027-01-01' })
  @IsCalendarDate()
  validFrom!: string;

  @ApiProperty({ example: '2027-12-31' })
  @IsCalendarDate()
  validTo!: string;

  @ApiProperty({ type: [PlanSiteDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PlanSiteDto)
  sites!: PlanSiteDto[];

  @ApiPropertyOptional({ enum: THEMES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(THEMES.length)
  @ArrayUnique()
  @IsString({ each: true })
  themes?: string[];

  @ApiPropertyOptional({ type: [TaskForceMemberDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TaskForceMemberDto)
  taskForce?: TaskForceMemberDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string;
}
