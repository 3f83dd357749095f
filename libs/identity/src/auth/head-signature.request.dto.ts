import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { type HeadDecisionRecorder } from '@integrity/domain';
import type { Actor } from '../roles';
import { IsCalendarDate } from '@integrity/platform';

/** The paper a decision of the agency head stands on, when somebody other than the head records it. */
export class HeadSignatureRequestDto {
  @ApiPropertyOptional({ example: '府政字第1150012345號', description: "Reference of the document the head signed (文號); required unless the agency head records in person" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  documentNo?: string;

  @ApiPropertyOptional({ example: '2026-11-26', description: 'Date the head signed it; required with documentNo' })
  @IsOptional()
  @IsCalendarDate()
  decidedOn?: string;
}

/** Whether the head decides in person, and otherwise the paper the recorder names; the domain says what is enough. */
export function headDecisionRecorder(actor: Actor, body: HeadSignatureRequestDto): HeadDecisionRecorder {
  return { byHead: actor.roles.includes('agency_head'), documentNo: body.documentNo ?? null, decidedOn: body.decidedOn ?? null };
}
