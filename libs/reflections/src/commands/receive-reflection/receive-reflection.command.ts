import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@integrity/identity';
import type { CommandResult } from '../../command-result';
import type { ReceiveReflectionRequestDto } from './receive-reflection.request.dto';

export class ReceiveReflectionCommand extends Command<CommandResult> {
  constructor(
    readonly reflectionId: string,
    readonly form: ReceiveReflectionRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
