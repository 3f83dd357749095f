import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@integrity/identity';
import type { ReceivedResult } from './receive-reflection.handler';
import type { ReceiveReflectionRequestDto } from './receive-reflection.request.dto';

export class ReceiveReflectionCommand extends Command<ReceivedResult> {
  constructor(
    readonly reflectionId: string,
    readonly form: ReceiveReflectionRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
