import { Query } from '@nestjs/cqrs';
import type { Actor } from '@integrity/identity';
import type { ReflectionListRequestDto } from './reflection-list.request.dto';

export interface ReflectionListItem {
  id: string;
  /** The unit's case number (115-0042). */
  caseNo: string;
  unitId: string;
  status: string;
  nature: string;
  category: string;
  summary: string;
  receivedOn: string;
  theme: string | null;
  siteId: string | null;
  siteName: string | null;
  county: string | null;
  township: string | null;
  village: string | null;
  openObligations: number;
  nextDueOn: string | null;
  overdue: boolean;
  /** Brought in from the unit's past work records (匯入). */
  imported: boolean;
  revision: number;
  updatedAt: string;
}

export class ReflectionListQuery extends Query<{ items: ReflectionListItem[]; nextCursor: string | null }> {
  constructor(
    readonly filters: ReflectionListRequestDto,
    readonly actor: Actor,
  ) {
    super();
  }
}
