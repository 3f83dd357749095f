import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UnitRegister } from '@integrity/identity';
import { ActiveReadModels, type PublishedResultDocument } from '@integrity/read-models';
import { afterCursor, containing, page } from '@integrity/platform';
import { PublicResultsQuery, type PublicResult } from './public-results.query';

const DEFAULT_LIMIT = 20;

@QueryHandler(PublicResultsQuery)
export class PublicResultsHandler implements IQueryHandler<PublicResultsQuery> {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly units: UnitRegister,
  ) {}

  async execute({ filters }: PublicResultsQuery): Promise<{ items: PublicResult[]; nextCursor: string | null }> {
    const limit = filters.limit ?? DEFAULT_LIMIT;
    const conditions = [
      filters.county ? { county: filters.county } : {},
      filters.township ? { township: filters.township } : {},
      filters.village ? { village: filters.village } : {},
      filters.q ? { publicSummary: containing(filters.q) } : {},
      afterCursor(filters.cursor, 'publishedOn', -1),
    ].filter((condition) => Object.keys(condition).length > 0);
    const found = await (await this.readModels.current()).publishedResults.find(conditions.length ? { $and: conditions } : {}, {
      sort: { publishedOn: -1, _id: -1 },
      limit: limit + 1,
    });
    const { items, nextCursor } = page(found as unknown as (PublishedResultDocument & Record<string, unknown>)[], limit, 'publishedOn');
    const names = new Map((await this.units.list()).map((unit) => [unit._id, unit.name]));
    return {
      items: items.map((doc) => ({
        id: doc._id,
        unit: names.get(doc.unitId) ?? null,
        county: doc.county,
        township: doc.township,
        village: doc.village,
        category: doc.category,
        publishedOn: doc.publishedOn,
        venue: doc.venue,
        publicSummary: doc.publicSummary,
      })),
      nextCursor,
    };
  }
}
