import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class EraseReporterDataRequestDto {
  @ApiProperty({ example: '當事人依個人資料保護法請求刪除' })
  @IsString()
  @MaxLength(4000)
  reason!: string;
}
