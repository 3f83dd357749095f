import { PASSWORD_MIN_LENGTH } from './password-policy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { UserRolesRequestDto } from './change-user.request.dto';

/** A new user: who, how to sign in, the unit, and the roles (as UserRolesRequestDto says them). */
export class CreateUserRequestDto extends UserRolesRequestDto {
  @ApiProperty({ example: 'chen.officer' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { message: 'username must be 3 to 64 letters, digits, ., - or _' })
  username!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, description: 'Not containing the username' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: '陳政風' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @ApiPropertyOptional({ example: 'chen@example.gov.tw', description: 'Where follow-up reminders are mailed' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiPropertyOptional({ description: 'Required for every role but admin' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

}
