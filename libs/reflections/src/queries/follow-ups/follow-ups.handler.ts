import { unitScope } from '@integrity/identity';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { addWorkingDays, CLOCK, daysBetween, taipeiDateOf, type Clock, type OfficeCalendar } from '@integrity/domain';
import { ActiveReadModels, type FollowUpDocument } from '@integrity/read-models';
import { afterCursor, page } from '@integrity/platform';
import { OFFICE_CALENDAR } from '../../unit-deadlines';
import { FollowUpsQuery, type FollowUpItem } from './follow-ups.query';

const DEFAULT_LIMIT = 50;
/** "Due" looks as far ahead as the first reminder goes out. */
const DUE_WITHIN_WORKING_DAYS = 2;

@QueryHandler(FollowUpsQuery)
export class FollowUpsHandler implements IQueryHandler<FollowUpsQuery> {
  constructor(
    private readonly readModels: ActiveReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OFFICE_CALENDAR) private readonly calendar: OfficeCalendar,
  ) {}

  async execute({ filters, actor }: FollowUpsQuery): Promise<{ items: FollowUpItem[]; nextCursor: string | null }> {
    const today = taipeiDateOf(this.clock.now());
    const limit = filters.limit ?? DEFAULT_LIMIT;
    const due =
      filters.state === 'overdue'
        ? { dueOn: { $lt: today } }
        : filters.state === 'due'
          ? { dueOn: { $gte: today, $lte: addWorkingDays(today, DUE_WITHIN_WORKING_DAYS, this.calendar) } }
          : {};
    const conditions = [unitScope(actor, filters.unitId), { state: 'open' }, due, filters.kind ? { kind: filters.kind } : {}, afterCursor(filters.cursor, 'dueOn', 1)].filter(
      (condition) => Object.keys(condition).length > 0,
    );
    const found = await (await this.readModels.current()).followUps.find({ $and: conditions }, { sort: { dueOn: 1, _id: 1 }, limit: limit + 1 });
    const { items, nextCursor } = page(found as unknown as (FollowUpDocument & Record<string, unknown>)[], limit, 'dueOn');
    return {
      items: items.map((doc) => ({
        id: doc._id,
        reflectionId: doc.reflectionId,
        unitId: doc.unitId,
        kind: doc.kind,
        party: doc.party,
        openedOn: doc.openedOn,
        dueOn: doc.dueOn,
        beyondCalendar: doc.beyondCalendar === true,
        overdue: doc.dueOn < today,
        daysOverdue: Math.max(0, daysBetween(doc.dueOn, today)),
        nature: doc.nature,
        category: doc.category,
        summary: doc.summary,
      })),
      nextCursor,
    };
  }
}
