import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals } from '@integrity/platform';
import { CurrentActor, READING_ROLES, Roles, type Actor } from '@integrity/identity';
import { FollowUpsQuery } from './follow-ups.query';
import { FollowUpsRequestDto } from './follow-ups.request.dto';

@ApiTags('follow-ups')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('follow-ups')
export class FollowUpsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'Open obligations and their deadlines, soonest first' })
  @Get()
  @Roles(...READING_ROLES)
  followUps(@Query() filters: FollowUpsRequestDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new FollowUpsQuery(filters, actor));
  }
}
