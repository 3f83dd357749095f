import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, invalid, phoneLast4, reflectionDecider, type Clock } from '@integrity/domain';
import { CommandHandling } from '@integrity/event-store';
import { commandContextOf } from '@integrity/identity';
import { VillageRegister } from '@integrity/places';
import { RegisterLookup } from '@integrity/registers';
import { commandResult, type CommandResult } from '../../command-result';

/** The 201 answer: with the receipt code (and PIN), said this once and never kept. */
export type ReceivedResult = CommandResult & { receiptCode?: string; receiptPin?: string };
import { reflectionStream } from '../../reflection-access';
import { ReflectionEventCodec } from '../../reflection-event.codec';
import { ReceiptKeys } from '../../receipts/receipt-keys';
import { UnitDeadlines } from '../../unit-deadlines';
import { ReceiveReflectionCommand } from './receive-reflection.command';

@CommandHandler(ReceiveReflectionCommand)
export class ReceiveReflectionHandler implements ICommandHandler<ReceiveReflectionCommand, ReceivedResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly codec: ReflectionEventCodec,
    private readonly registers: RegisterLookup,
    private readonly villages: VillageRegister,
    private readonly deadlines: UnitDeadlines,
    private readonly receipts: ReceiptKeys,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reflectionId, form, context }: ReceiveReflectionCommand): Promise<ReceivedResult> {
    const unitId = context.actor.unitId;
    if (!unitId) throw invalid('UNIT_REQUIRED', 'unitId', 'Only a user of an ethics unit records reflections');
    if (form.siteId && !(await this.registers.siteOfUnit(form.siteId, unitId))) {
      throw invalid('SITE_NOT_FOUND', 'siteId', 'No such platform site in your unit');
    }
    if (form.outreachId && !(await this.registers.outreachOfUnit(form.outreachId, unitId))) {
      throw invalid('OUTREACH_NOT_FOUND', 'outreachId', 'No such outreach activity in your unit');
    }
    const place = form.villageCode ? this.villages.placeOf(form.villageCode) : null;
    const now = this.clock.now();
    const { wantsReceipt, villageCode: _code, ...received } = form;
    // A citizen who left a phone number always gets a receipt; one without, if they ask for it (a PIN then).
    const issued = phoneLast4(form.reporter?.phone) || wantsReceipt ? this.receipts.issue(form.reporter) : null;
    const outcome = await this.commands.handle(
      reflectionStream(reflectionId),
      reflectionDecider,
      this.codec,
      { type: 'ReceiveReflection', reflectionId, unitId, ...received, place, receipt: issued?.receipt ?? null, now, deadlines: await this.deadlines.forUnit(unitId) },
      commandContextOf(context, now),
    );
    // A replayed request wrote nothing: the code it would answer was never kept, so none is answered (reissue it).
    const receipt = issued && !outcome.replayed ? { receiptCode: issued.receiptCode, ...(issued.receiptPin ? { receiptPin: issued.receiptPin } : {}) } : {};
    return { ...commandResult(reflectionId, outcome), ...receipt };
  }
}
