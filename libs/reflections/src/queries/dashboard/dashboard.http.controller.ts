import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals } from '@integrity/platform';
import { CurrentActor, READING_ROLES, Roles, type Actor } from '@integrity/identity';
import { DashboardQuery } from './dashboard.query';
import { DashboardRequestDto } from './dashboard.request.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('dashboard')
export class DashboardHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @ApiOperation({ summary: "The dashboard's counts: by status, nature, category, theme, month and site" })
  @Get()
  @Roles(...READING_ROLES)
  dashboard(@Query() filters: DashboardRequestDto, @CurrentActor() actor: Actor) {
    return this.queryBus.execute(new DashboardQuery(filters, actor));
  }
}
