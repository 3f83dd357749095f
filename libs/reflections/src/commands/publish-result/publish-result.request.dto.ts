import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PUBLICATION_VENUES } from '@integrity/domain';

export class PublishResultRequestDto {
  @ApiProperty({ enum: PUBLICATION_VENUES })
  @IsString()
  venue!: string;

  @ApiProperty({ example: '北區河段疏濬已於12月完成', description: "Must not contain the reporter's name, phone or address" })
  @IsString()
  @MaxLength(4000)
  publicSummary!: string;
}
