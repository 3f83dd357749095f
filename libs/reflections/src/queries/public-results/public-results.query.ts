import { Query } from '@nestjs/cqrs';
import type { PublicResultsRequestDto } from './public-results.request.dto';

export interface PublicResult {
  id: string;
  unit: string | null;
  county: string | null;
  township: string | null;
  village: string | null;
  category: string;
  publishedOn: string;
  venue: string;
  publicSummary: string;
}

/** Published results only: never a reporter's data, never an unpublished case. */
export class PublicResultsQuery extends Query<{ items: PublicResult[]; nextCursor: string | null }> {
  constructor(readonly filters: PublicResultsRequestDto) {
    super();
  }
}
