import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, READING_ROLES, Roles, type Actor } from '@integrity/identity';
import { ReflectionHistoryQuery } from './reflection-history/reflection-history.query';
import { ReflectionListQuery } from './reflection-list/reflection-list.query';
import { ReflectionListRequestDto } from './reflection-list/reflection-list.request.dto';
import { ApiRefusals, AsOfQueryDto, readUntil, UUID_PARAM } from '@integrity/platform';
import { ReflectionQuery } from './reflection/reflection.query';

@ApiTags('reflections')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('reflections')
export class ReflectionQueriesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: 'List reflections, filtered, sorted and paged' })
  @Get()
  @Roles(...READING_ROLES)
  list(@Query() filters: ReflectionListRequestDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ReflectionListQuery(filters, actor));
  }

  @ApiOperation({ summary: 'Read a reflection' })
  @ApiRefusals(404, 409)
  @Get(':id')
  @Roles(...READING_ROLES)
  reflection(@Param('id', UUID_PARAM) id: string, @Query() query: AsOfQueryDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ReflectionQuery(id, actor, readUntil(query)));
  }

  @ApiOperation({ summary: "A reflection's full history, event by event" })
  @ApiRefusals(404, 409)
  @Get(':id/history')
  @Roles(...READING_ROLES)
  history(@Param('id', UUID_PARAM) id: string, @Query() query: AsOfQueryDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ReflectionHistoryQuery(id, actor, readUntil(query)));
  }
}
