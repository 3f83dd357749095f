import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, READING_ROLES, Roles, type Actor } from '@integrity/identity';
import { ReflectionHistoryQuery } from './reflection-history/reflection-history.query';
import { ReflectionQuery } from './reflection/reflection.query';

@ApiTags('reflections')
@ApiBearerAuth()
@Controller('reflections')
export class ReflectionQueriesHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Roles(...READING_ROLES)
  reflection(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ReflectionQuery(id, actor));
  }

  @Get(':id/history')
  @Roles(...READING_ROLES)
  history(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new ReflectionHistoryQuery(id, actor));
  }
}
