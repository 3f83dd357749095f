import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { REPLY_CHANNELS } from '@integrity/domain';

export class RecordCitizenReplyRequestDto {
  @ApiProperty({ enum: REPLY_CHANNELS })
  @IsString()
  channel!: string;

  @ApiProperty({ example: '已電話回復民眾處理情形' })
  @IsString()
  @MaxLength(4000)
  content!: string;
}
