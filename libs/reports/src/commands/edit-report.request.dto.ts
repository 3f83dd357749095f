import { HeadSignatureRequestDto } from '@integrity/identity';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { REPORT_ROW_KINDS } from '@integrity/domain';

/** Only the texts: a count, or anything else, is refused. */
export class ReportRowTextDto {
  @ApiProperty({ enum: REPORT_ROW_KINDS })
  @IsString()
  kind!: string;

  @ApiProperty({ example: '路燈故障、道路坑洞等', description: 'The text before the count: 計○案 is printed from the counts' })
  @IsString()
  @MaxLength(4000)
  summary!: string;

  @ApiProperty({ example: '均已簽會工務課處理' })
  @IsString()
  @MaxLength(4000)
  opinions!: string;
}

export class EditReportRequestDto {
  @ApiProperty({ type: [ReportRowTextDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => ReportRowTextDto)
  rows!: ReportRowTextDto[];
}

export class ApproveReportRequestDto extends HeadSignatureRequestDto {
  @ApiProperty({ required: false, example: '首長已於紙本簽核' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiProperty({ required: false, description: 'The hash of the version as the approver read it (GET /reports/biweekly → current.hash): anything else is REPORT_STALE' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  hash?: string;
}

export class ReportDueRuleRequestDto {
  @ApiProperty({ example: 3, description: 'Working days after its period ends that a report is due' })
  @IsInt()
  @Min(1)
  @Max(30)
  workingDays!: number;
}
