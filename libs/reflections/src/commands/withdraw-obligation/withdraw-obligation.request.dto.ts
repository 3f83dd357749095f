import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

/** Withdraw one open obligation (撤回): a department that is not competent, a referral sent to the wrong agency. */
export class WithdrawObligationRequestDto {
  @ApiProperty({ example: 'department_answer:1', description: 'The id of an open obligation, as GET /reflections/:id lists it' })
  @IsString()
  @MaxLength(200)
  obligationId!: string;

  @ApiProperty({ example: '經查非本課權管，改簽會建設課' })
  @IsString()
  @MaxLength(4000)
  reason!: string;
}
