import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { NO_REPLY_REASONS } from '@integrity/domain';

export class CloseReflectionRequestDto {
  @ApiProperty({ example: '河段已完成疏濬' })
  @IsString()
  @MaxLength(4000)
  outcome!: string;

  @ApiPropertyOptional({ enum: NO_REPLY_REASONS, description: 'Why the citizen cannot be replied to' })
  @IsOptional()
  @IsString()
  noReplyReason?: string;
}
