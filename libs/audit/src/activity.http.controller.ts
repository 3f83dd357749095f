import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { ACTIVITY_LABELS } from '@integrity/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@integrity/event-store';
import { CurrentActor, Roles, UserDirectory, unitScope, type Actor } from '@integrity/identity';
import { ApiRefusals, asOfInstant } from '@integrity/platform';
import { AuditRangeQueryDto } from './audit-range-query.dto';
import { everyEvent, pageNewestFirst } from './newest-first';

class ActivityQueryDto extends AuditRangeQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The AAC: one unit (a supervisor always reads their own)' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ example: 'ReflectionClosed', description: 'One kind of fact' })
  @IsOptional()
  @Matches(/^[A-Z][A-Za-z]{1,80}$/, { message: 'type must be the name of an event type' })
  type?: string;
}

/** One fact of the log as the audit lists it: what, where, who, when, and its place in the hash chain. Never its data. */
export interface ActivityEntry {
  position: string;
  streamId: string;
  revision: number;
  type: string;
  label: string | null;
  unitId: string | null;
  actorId: string;
  actorName: string | null;
  occurredAt: string;
  hash: string | null;
}

export const activityEntry = (event: RecordedEvent, actorName: string | null): ActivityEntry => ({
  position: event.position.toString(),
  streamId: event.streamId,
  revision: event.revision,
  type: event.type,
  label: ACTIVITY_LABELS[event.type] ?? null,
  unitId: event.metadata.unitId,
  actorId: event.metadata.actorId,
  actorName,
  occurredAt: event.metadata.occurredAt,
  hash: event.chain?.hash ?? null,
});

/** Who did what and when, across every stream: supervisors for their unit, the AAC for every unit. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('audit/events')
export class ActivityHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly users: UserDirectory,
  ) {}

  /** Newest first, a page at a time. */
  @ApiOperation({ summary: 'Who did what: the events of the log, filtered and paged' })
  @Get()
  @Roles('supervisor', 'aac_auditor')
  async list(@Query() query: ActivityQueryDto, @CurrentActor() actor: Actor) {
    const { unitId } = unitScope(actor, query.unitId);
    const from = asOfInstant(query.from, 'from', 'start');
    const to = asOfInstant(query.to, 'to');
    const wanted = (event: RecordedEvent) =>
      (!unitId || event.metadata.unitId === unitId) &&
      (!query.actorId || event.metadata.actorId === query.actorId) &&
      (!query.type || event.type === query.type) &&
      (!from || Date.parse(event.metadata.occurredAt) >= from.getTime()) &&
      (!to || Date.parse(event.metadata.occurredAt) <= to.getTime());
    const found = (await everyEvent(this.events)).filter(wanted).map((event) => ({ event, position: event.position.toString() }));
    const { items, nextCursor } = pageNewestFirst(found, query.limit ?? 50, query.cursor);
    const names = await this.users.displayNames(items.map(({ event }) => event.metadata.actorId));
    return { items: items.map(({ event }) => activityEntry(event, names.get(event.metadata.actorId) ?? null)), nextCursor };
  }
}
