import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, notFound, type Clock } from '@integrity/domain';
import { CurrentActor, IdentityLog, identityStreams, SecurityLog, StreamTakenError, UserDirectory, type Actor, type SecurityEvent } from '@integrity/identity';
import { ApiRefusals, ReadQueryDto } from '@integrity/platform';
import { ActiveReadModels, READ_MODEL_STORE, type ReadModelStore } from '@integrity/read-models';

interface NotificationRead {
  _id: string;
  userId: string;
  readAt: string;
}

const INBOX_SIZE = 200;

/** A change of who may do what in the unit, as its head reads it in the inbox. */
function noticeOf(event: SecurityEvent, names: Map<string, string>) {
  const detail = event.detail as { from?: string[]; to?: string[] };
  return {
    id: event._id,
    kind: event.type,
    subjectName: names.get(event.subject) ?? event.subject,
    actorName: event.actorId ? (names.get(event.actorId) ?? null) : null,
    from: detail.from ?? null,
    to: detail.to ?? null,
    createdAt: event.at,
  };
}

/**
 * Each user's in-app inbox of reminders and escalations, and for a unit's head the changes of who may do what in
 * the unit. Whether one was read is a fact of its own in the log
 * (NotificationRead, once per notification), kept apart from the projection.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiRefusals(400, 401, 403)
@Controller('notifications')
export class NotificationsHttpController {
  private readonly reads;

  constructor(
    private readonly readModels: ActiveReadModels,
    @Inject(READ_MODEL_STORE) store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly log: IdentityLog,
    private readonly securityLog: SecurityLog,
    private readonly users: UserDirectory,
  ) {
    this.reads = store.collection<NotificationRead>('notification_reads');
  }

  @ApiOperation({ summary: "The signed-in user's reminders, and role changes of the unit for its head" })
  @Get()
  async inbox(@Query() _read: ReadQueryDto, @CurrentActor() actor: Actor) {
    const [notifications, notices] = await Promise.all([
      (await this.readModels.current()).notifications.find({ userId: actor.userId }, { sort: { createdAt: -1, _id: -1 }, limit: INBOX_SIZE }),
      this.securityLog.noticesFor(actor.userId, INBOX_SIZE),
    ]);
    const ids = [...notifications.map((n) => n._id), ...notices.map((n) => n._id)];
    const [read, names] = await Promise.all([
      this.reads.find({ _id: { $in: ids } }).then((reads) => new Map(reads.map((r) => [r._id, r.readAt]))),
      this.users.displayNames(notices.flatMap((n) => [n.subject, ...(n.actorId ? [n.actorId] : [])])),
    ]);
    const items = [
      ...notifications.map(({ _id, _position, userId: _userId, ...notification }) => ({ id: _id, ...notification, readAt: read.get(_id) ?? null })),
      ...notices.map((notice) => ({ ...noticeOf(notice, names), readAt: read.get(notice._id) ?? null })),
    ]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, INBOX_SIZE);
    return { items, unread: items.filter((item) => item.readAt === null).length };
  }

  @ApiOperation({ summary: 'Mark a reminder read' })
  @ApiRefusals(404, 409)
  @Post(':id/read')
  @HttpCode(200)
  async markRead(@Param('id') id: string, @CurrentActor() actor: Actor) {
    const notification =
      (await (await this.readModels.current()).notifications.findOne({ _id: id, userId: actor.userId })) ?? (await this.securityLog.noticesFor(actor.userId, INBOX_SIZE)).find((n) => n._id === id);
    if (!notification) throw notFound('NOTIFICATION_NOT_FOUND', 'No such notification in your inbox');
    const now = this.clock.now();
    try {
      await this.log.record(identityStreams.notificationRead(id), 'NotificationRead', { notificationId: id, userId: actor.userId, readAt: now.toISOString() }, 'no_stream', { actorId: actor.userId, unitId: actor.unitId, at: now });
    } catch (error) {
      // Read before: the first reading stands.
      if (!(error instanceof StreamTakenError)) throw error;
    }
    return { id, readAt: (await this.reads.findOne({ _id: id }))?.readAt ?? now.toISOString() };
  }
}
