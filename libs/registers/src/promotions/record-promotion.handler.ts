import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { promotionDecider } from '@integrity/domain';
import { RecordInRegister, type RegisterResult } from '../record-in-register';
import { RecordPromotionCommand } from './record-promotion.command';

@CommandHandler(RecordPromotionCommand)
export class RecordPromotionHandler implements ICommandHandler<RecordPromotionCommand, RegisterResult> {
  constructor(private readonly register: RecordInRegister) {}

  execute({ promotion, context }: RecordPromotionCommand): Promise<RegisterResult> {
    return this.register.record('promotion', promotionDecider, context, promotion.siteId, (promotionId, unitId, now) => ({
      type: 'RecordPromotion' as const,
      promotionId,
      unitId,
      ...promotion,
      now,
    }));
  }
}
