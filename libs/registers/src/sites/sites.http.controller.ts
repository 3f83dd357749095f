import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Context, RECORDING_ROLES, Roles, type RequestContext } from '@integrity/identity';
import { RegisterHttpController } from '../register.http.controller';
import { RegisterSiteCommand } from './register-site.command';
import { RegisterSiteRequestDto } from './register-site.request.dto';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesHttpController extends RegisterHttpController {
  protected readonly category = 'site';

  @Post()
  @Roles(...RECORDING_ROLES)
  register(@Body() body: RegisterSiteRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new RegisterSiteCommand(body, context));
  }
}
