import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusals } from '@integrity/platform';
import { Public } from '@integrity/identity';
import { PublicResultsQuery } from './public-results.query';
import { PublicResultsRequestDto } from './public-results.request.dto';

@ApiTags('public')
@ApiRefusals(400)
@Controller('public/results')
export class PublicResultsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Public()
  @ApiOperation({ summary: 'Published results, for the public page (no personal data)' })
  @Get()
  results(@Query() filters: PublicResultsRequestDto) {
    return this.queryBus.execute(new PublicResultsQuery(filters));
  }
}
