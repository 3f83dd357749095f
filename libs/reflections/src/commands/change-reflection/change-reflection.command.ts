import { Command } from '@nestjs/cqrs';
import type { ReflectionCommand } from '@integrity/domain';
import type { RequestContext } from '@integrity/identity';
import type { CommandResult } from '../../command-result';

type Untimed<C> = C extends unknown ? Omit<C, 'now' | 'deadlines'> : never;

/** A step of an existing reflection's life, as asked; the handler adds the time and the unit's deadlines. */
export type ReflectionChange = Untimed<Exclude<ReflectionCommand, { type: 'ReceiveReflection' | 'EraseReporterData' }>>;

/** Any step of an existing reflection's life; the decider says whether the reflection allows it now. */
export class ChangeReflectionCommand extends Command<CommandResult> {
  constructor(
    readonly reflectionId: string,
    readonly change: ReflectionChange,
    readonly context: RequestContext,
  ) {
    super();
  }
}
