import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@integrity/identity';
import { PublicResultsQuery } from './public-results.query';
import { PublicResultsRequestDto } from './public-results.request.dto';

@ApiTags('public')
@Controller('public/results')
export class PublicResultsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Public()
  @Get()
  results(@Query() filters: PublicResultsRequestDto) {
    return this.queryBus.execute(new PublicResultsQuery(filters));
  }
}
