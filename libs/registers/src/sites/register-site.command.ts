import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '@integrity/identity';
import type { RegisterResult } from '../record-in-register';
import type { RegisterSiteRequestDto } from './register-site.request.dto';

export class RegisterSiteCommand extends Command<RegisterResult> {
  constructor(
    readonly site: RegisterSiteRequestDto,
    readonly context: RequestContext,
  ) {
    super();
  }
}
