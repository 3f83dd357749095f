import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@integrity/identity';
import type { CommandResult } from '../../command-result';

export class EraseReporterDataCommand extends Command<CommandResult> {
  constructor(
    readonly reflectionId: string,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
