import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals } from '@integrity/platform';
import { Context, RECORDING_ROLES, Roles, type RequestContext } from '@integrity/identity';
import { RegisterHttpController } from '../register.http.controller';
import { RegisterSiteCommand } from './register-site.command';
import { RegisterSiteRequestDto } from './register-site.request.dto';

@ApiTags('sites')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('sites')
export class SitesHttpController extends RegisterHttpController {
  protected readonly category = 'site';

  @ApiOperation({ summary: 'Register a platform site' })
  @Post()
  @Roles(...RECORDING_ROLES)
  register(@Body() body: RegisterSiteRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new RegisterSiteCommand(body, context));
  }
}
