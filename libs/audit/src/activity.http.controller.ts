import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { ACTIVITY_LABELS } from '@integrity/domain';
import { CurrentActor, Roles, UserDirectory, unitScope, type Actor } from '@integrity/identity';
import { ApiRefusals, asOfInstant } from '@integrity/platform';
import { ActiveReadModels, type ActivityDocument } from '@integrity/read-models';
import { AuditRangeQueryDto } from './audit-range-query.dto';
import { between, pageNewestFirst } from './newest-first';

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

export const activityEntry = ({ position, streamId, revision, type, unitId, actorId, occurredAt, hash }: ActivityDocument, actorName: string | null): ActivityEntry => ({
  position,
  streamId,
  revision,
  type,
  label: ACTIVITY_LABELS[type] ?? null,
  unitId,
  actorId,
  actorName,
  occurredAt,
  hash,
});

/** Who did what and when, across every stream: supervisors for their unit, the AAC for every unit. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('audit/events')
export class ActivityHttpController {
  constructor(
    private readonly readModels: ActiveReadModels,
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
    const filter = {
      ...(unitId ? { unitId } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...between('occurredAt', from, to),
    };
    const { activity } = await this.readModels.current();
    const { items, nextCursor } = await pageNewestFirst(activity, filter, query.limit ?? 50, query.cursor);
    const names = await this.users.displayNames(items.map((entry) => entry.actorId));
    return { items: items.map((entry) => activityEntry(entry, names.get(entry.actorId) ?? null)), nextCursor };
  }
}
