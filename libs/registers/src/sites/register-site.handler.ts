import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { siteDecider } from '@integrity/domain';
import { RecordInRegister, type RegisterResult } from '../record-in-register';
import { RegisterSiteCommand } from './register-site.command';

@CommandHandler(RegisterSiteCommand)
export class RegisterSiteHandler implements ICommandHandler<RegisterSiteCommand, RegisterResult> {
  constructor(private readonly register: RecordInRegister) {}

  execute({ site, context }: RegisterSiteCommand): Promise<RegisterResult> {
    return this.register.record('site', siteDecider, context, undefined, (siteId, unitId) => ({
      type: 'RegisterSite' as const,
      siteId,
      unitId,
      siteType: site.type,
      name: site.name,
      county: site.county,
      township: site.township,
      village: site.village,
      contact: site.contact,
    }));
  }
}
