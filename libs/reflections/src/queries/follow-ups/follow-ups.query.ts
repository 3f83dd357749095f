import { Query } from '@nestjs/cqrs';
import type { Actor } from '@integrity/identity';
import type { FollowUpsRequestDto } from './follow-ups.request.dto';

export interface FollowUpItem {
  id: string;
  reflectionId: string;
  unitId: string;
  kind: string;
  party: string | null;
  openedOn: string;
  dueOn: string;
  /** The due date was counted past the office calendar's years (over weekends alone). */
  beyondCalendar: boolean;
  overdue: boolean;
  daysOverdue: number;
  nature: string;
  category: string;
  summary: string;
}

/** Every open obligation (department answer, head decision, agency reply, citizen reply), oldest due first. */
export class FollowUpsQuery extends Query<{ items: FollowUpItem[]; nextCursor: string | null }> {
  constructor(
    readonly filters: FollowUpsRequestDto,
    readonly actor: Actor,
  ) {
    super();
  }
}
