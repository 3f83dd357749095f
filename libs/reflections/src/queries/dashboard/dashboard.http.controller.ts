import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, READING_ROLES, Roles, type Actor } from '@integrity/identity';
import { DashboardQuery } from './dashboard.query';
import { DashboardRequestDto } from './dashboard.request.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles(...READING_ROLES)
  dashboard(@Query() filters: DashboardRequestDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new DashboardQuery(filters, actor));
  }
}
