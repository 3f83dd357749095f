import { Controller, Get, Header, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { officialName } from '@integrity/domain';
import { ApiRefusals } from '@integrity/platform';
import { Public } from '@integrity/identity';
import { ActiveReadModels } from '@integrity/read-models';
import { PublicResultsQuery } from './public-results.query';
import { PublicResultsRequestDto } from './public-results.request.dto';

@ApiTags('public')
@ApiRefusals(400)
@Controller('public/results')
export class PublicResultsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly readModels: ActiveReadModels,
  ) {}

  @Public()
  @ApiOperation({ summary: 'How many results were published in each town (county and township), most first' })
  @Get('towns')
  @Header('Cache-Control', 'public, max-age=300')
  async towns(): Promise<{ items: { county: string | null; town: string | null; count: number }[] }> {
    const grouped = await (await this.readModels.current()).publishedResults.aggregate<{ _id: { county: string | null; township: string | null }; count: number }>([
      { $group: { _id: { county: '$county', township: '$township' }, count: { $sum: 1 } } },
    ]);
    // Sites recorded before the register may write 台 for 臺: one town, however it was written.
    const towns = new Map<string, { county: string | null; town: string | null; count: number }>();
    for (const { _id, count } of grouped) {
      const [county, town] = [_id.county, _id.township].map((name) => (name ? officialName(name) : null));
      const key = `${county}/${town}`;
      towns.set(key, { county, town, count: (towns.get(key)?.count ?? 0) + count });
    }
    const items = [...towns.values()].sort((a, b) => b.count - a.count || String(a.county).localeCompare(String(b.county)) || String(a.town).localeCompare(String(b.town)));
    return { items };
  }

  @Public()
  @ApiOperation({ summary: 'Published results, for the public page (no personal data)' })
  @Get()
  results(@Query() filters: PublicResultsRequestDto) {
    return this.queryBus.execute(new PublicResultsQuery(filters));
  }
}
