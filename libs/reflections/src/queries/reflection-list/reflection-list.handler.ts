import { unitScope } from '@integrity/identity';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, taipeiDateOf, type Clock } from '@integrity/domain';
import { ActiveReadModels, type ReflectionDocument } from '@integrity/read-models';
import { afterCursor, containing, page } from '@integrity/platform';
import { ReflectionListQuery, type ReflectionListItem } from './reflection-list.query';

const DEFAULT_LIMIT = 20;

@QueryHandler(ReflectionListQuery)
export class ReflectionListHandler implements IQueryHandler<ReflectionListQuery> {
  constructor(
    private readonly readModels: ActiveReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filters, actor }: ReflectionListQuery): Promise<{ items: ReflectionListItem[]; nextCursor: string | null }> {
    const today = taipeiDateOf(this.clock.now());
    const sort = filters.sort ?? '-receivedOn';
    const field = sort.replace('-', '');
    const direction = sort.startsWith('-') ? -1 : 1;
    const limit = filters.limit ?? DEFAULT_LIMIT;
    const received: Record<string, string> = {};
    if (filters.receivedFrom) received.$gte = filters.receivedFrom;
    if (filters.receivedTo) received.$lte = filters.receivedTo;
    const conditions: Record<string, unknown>[] = [
      unitScope(actor, filters.unitId),
      ...(['status', 'nature', 'category', 'siteId', 'county', 'village', 'theme'] as const).filter((key) => filters[key] !== undefined).map((key) => ({ [key]: filters[key] })),
      ...(Object.keys(received).length ? [{ receivedOn: received }] : []),
      ...(filters.overdue === 'true' ? [{ nextDueOn: { $lt: today } }] : []),
      ...(filters.overdue === 'false' ? [{ $or: [{ nextDueOn: null }, { nextDueOn: { $gte: today } }] }] : []),
      ...(filters.awaitingHead === 'true' ? [{ headDecisions: { $elemMatch: { decision: null } } }] : []),
      ...(filters.q ? [{ summary: containing(filters.q) }] : []),
      afterCursor(filters.cursor, field, direction),
    ].filter((condition) => Object.keys(condition).length > 0);
    const found = await (await this.readModels.current()).reflections.find(conditions.length ? { $and: conditions } : {}, {
      sort: { [field]: direction, _id: direction },
      limit: limit + 1,
    });
    const { items, nextCursor } = page(found as unknown as (ReflectionDocument & Record<string, unknown>)[], limit, field);
    return { items: items.map((doc) => listItem(doc, today)), nextCursor };
  }
}

function listItem(doc: ReflectionDocument, today: string): ReflectionListItem {
  return {
    id: doc._id,
    caseNo: doc.caseNo,
    unitId: doc.unitId,
    status: doc.status,
    nature: doc.nature,
    category: doc.category,
    summary: doc.summary,
    receivedOn: doc.receivedOn,
    theme: doc.theme,
    siteId: doc.siteId,
    siteName: doc.siteName,
    county: doc.county,
    township: doc.township,
    village: doc.village,
    openObligations: doc.openObligations,
    nextDueOn: doc.nextDueOn,
    overdue: doc.nextDueOn !== null && doc.nextDueOn < today,
    imported: Boolean(doc.imported),
    revision: doc.revision,
    updatedAt: doc.updatedAt,
  };
}
