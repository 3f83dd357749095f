import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RecordDepartmentResponseRequestDto {
  @ApiProperty({ example: '工務課' })
  @IsString()
  @MaxLength(200)
  department!: string;

  @ApiProperty({ example: '已派員勘查，排定12月疏濬' })
  @IsString()
  @MaxLength(4000)
  response!: string;
}
