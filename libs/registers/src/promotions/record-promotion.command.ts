import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@integrity/identity';
import type { RegisterResult } from '../record-in-register';
import type { RecordPromotionRequestDto } from './record-promotion.request.dto';

export class RecordPromotionCommand extends Command<RegisterResult> {
  constructor(
    readonly promotion: RecordPromotionRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
