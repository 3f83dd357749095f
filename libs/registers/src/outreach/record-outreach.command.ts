import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@integrity/identity';
import type { RegisterResult } from '../record-in-register';
import type { RecordOutreachRequestDto } from './record-outreach.request.dto';

export class RecordOutreachCommand extends Command<RegisterResult> {
  constructor(
    readonly outreach: RecordOutreachRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
