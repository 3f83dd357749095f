import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals } from '@integrity/platform';
import { Context, RECORDING_ROLES, Roles, type RequestContext } from '@integrity/identity';
import { RegisterHttpController } from '../register.http.controller';
import { RecordOutreachCommand } from './record-outreach.command';
import { RecordOutreachRequestDto } from './record-outreach.request.dto';

@ApiTags('outreach')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('outreach')
export class OutreachHttpController extends RegisterHttpController {
  protected readonly category = 'outreach';

  @ApiOperation({ summary: 'Record an outreach activity' })
  @Post()
  @Roles(...RECORDING_ROLES)
  record(@Body() body: RecordOutreachRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new RecordOutreachCommand(body, context));
  }
}
