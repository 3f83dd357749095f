import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Ask the agency head to approve referring the reflection to another agency (簽報機關首長核可). */
export class RequestHeadApprovalRequestDto {
  @ApiProperty({ example: '經濟部水利署' })
  @IsString()
  @MaxLength(200)
  agency!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;
}
