import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, reflectionDecider, type Clock } from '@integrity/domain';
import { CommandHandling } from '@integrity/event-store';
import { commandContextOf, type RequestContext } from '@integrity/identity';
import { commandResult } from '../../command-result';
import { ReceiptKeys, type NewReceipt } from '../../receipts/receipt-keys';
import { authorizeChange, reflectionStream } from '../../reflection-access';
import { ReflectionEventCodec } from '../../reflection-event.codec';
import type { ReceivedResult } from '../receive-reflection/receive-reflection.handler';

export class IssueReceiptCommand extends Command<ReceivedResult> {
  constructor(
    readonly reflectionId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/**
 * A new receipt code for the case (the old one stops working, and a code locked by failed lookups is replaced):
 * keyed to the reporter's phone as recorded, or to a new PIN. The code is answered this once.
 */
@CommandHandler(IssueReceiptCommand)
export class IssueReceiptHandler implements ICommandHandler<IssueReceiptCommand, ReceivedResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly receipts: ReceiptKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reflectionId, context }: IssueReceiptCommand): Promise<ReceivedResult> {
    const now = this.clock.now();
    const { code, pin } = this.receipts.draw();
    let issued: NewReceipt | null = null;
    const receiptFor = (reporter: Parameters<ReceiptKeys['keyed']>[2]) => (issued = this.receipts.keyed(code, pin, reporter)).receipt;
    const outcome = await this.commands.handle(reflectionStream(reflectionId), reflectionDecider, this.codec, { type: 'IssueReceipt', receiptFor }, commandContextOf(context, now), {
      authorize: authorizeChange(context.actor),
    });
    const said = issued as NewReceipt | null;
    return { ...commandResult(reflectionId, outcome), ...(said && !outcome.replayed ? { receiptCode: said.receiptCode, ...(said.receiptPin ? { receiptPin: said.receiptPin } : {}) } : {}) };
  }
}
