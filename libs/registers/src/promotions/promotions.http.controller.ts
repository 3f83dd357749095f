import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals } from '@integrity/platform';
import { Context, RECORDING_ROLES, Roles, type RequestContext } from '@integrity/identity';
import { RegisterHttpController } from '../register.http.controller';
import { RecordPromotionCommand } from './record-promotion.command';
import { RecordPromotionRequestDto } from './record-promotion.request.dto';

@ApiTags('promotions')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('promotions')
export class PromotionsHttpController extends RegisterHttpController {
  protected readonly category = 'promotion';

  @ApiOperation({ summary: 'Record an anti-corruption promotion' })
  @Post()
  @Roles(...RECORDING_ROLES)
  record(@Body() body: RecordPromotionRequestDto, @Context() context: RequestContext) {
    return this.commandBus.execute(new RecordPromotionCommand(body, context));
  }
}
