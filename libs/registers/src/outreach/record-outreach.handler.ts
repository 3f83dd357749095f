import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { outreachDecider } from '@integrity/domain';
import { RecordInRegister, type RegisterResult } from '../record-in-register';
import { RecordOutreachCommand } from './record-outreach.command';

@CommandHandler(RecordOutreachCommand)
export class RecordOutreachHandler implements ICommandHandler<RecordOutreachCommand, RegisterResult> {
  constructor(private readonly register: RecordInRegister) {}

  execute({ outreach, context }: RecordOutreachCommand): Promise<RegisterResult> {
    return this.register.record('outreach', outreachDecider, context, outreach.siteId, (outreachId, unitId, now) => ({
      type: 'RecordOutreach' as const,
      outreachId,
      unitId,
      ...outreach,
      now,
    }));
  }
}
