import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, READING_ROLES, Roles, type Actor } from '@integrity/identity';
import { ReflectionHistoryQuery } from './reflection-history/reflection-history.query';
import { ReflectionListQuery } from './reflection-list/reflection-list.query';
import { ReflectionListRequestDto } from './reflection-list/reflection-list.request.dto';
import { AsOfQueryDto, readUntil, UUID_PARAM } from '@integrity/platform';
import { ReflectionQuery } from './reflection/reflection.query';

@ApiTags('reflections')
@ApiBearerAuth()
@Controller('reflections')
export class ReflectionQueriesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...READING_ROLES)
  list(@Query() filters: ReflectionListRequestDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ReflectionListQuery(filters, actor));
  }

  @Get(':id')
  @Roles(...READING_ROLES)
  reflection(@Param('id', UUID_PARAM) id: string, @Query() query: AsOfQueryDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ReflectionQuery(id, actor, readUntil(query)));
  }

  @Get(':id/history')
  @Roles(...READING_ROLES)
  history(@Param('id', UUID_PARAM) id: string, @Query() query: AsOfQueryDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ReflectionHistoryQuery(id, actor, readUntil(query)));
  }
}
