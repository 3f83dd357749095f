import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@integrity/event-store';
import { afterCursor, page } from '@integrity/platform';
import type { ReadModelStore } from '@integrity/read-models';
import { identityStreams, type IdentityLog } from '../identity-log';

/** What an administrator reviews: attempts on accounts and changes to who may do what. */
export const SECURITY_EVENT_TYPES = ['sign_in_failed', 'account_locked', 'sign_in_lock_cleared', 'sign_in_refused_busy', 'roles_changed', 'user_deactivated', 'user_reactivated', 'password_changed', 'password_reset', 'reporter_erased', 'store_damaged', 'store_set_aside', 'status_lookup_unmatched'] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

export interface SecurityEvent {
  _id: string;
  type: SecurityEventType;
  at: string;
  /** Who did it (a user id), when known. */
  actorId: string | null;
  /** The account, user or reflection concerned: ids and usernames only, never a reporter's data, never a password. */
  subject: string;
  /** The client address, for attempts from outside. */
  address: string | null;
  detail: Record<string, unknown>;
  /** Users told of it in their inbox (a unit's head, of a role change in the unit). */
  notify?: string[];
}

/** An append-only record of security events, kept apart from the application's log lines: facts in the event log (SecurityEventRecorded), one stream each. */
export class SecurityLog {
  private readonly events;

  constructor(
    store: ReadModelStore,
    private readonly log: IdentityLog,
  ) {
    this.events = store.collection<SecurityEvent>('security_events');
  }

  /** Security events recorded before they were facts in the log become facts once. */
  migrate(): Promise<number> {
    return this.log.migrate(
      'security_events',
      (event) => identityStreams.securityEvent(event._id),
      ({ _id: _unused, _position: _fold, ...event }) => ({ type: 'SecurityEventRecorded', data: event as JsonObject }),
    );
  }

  async init(): Promise<void> {
    await this.events.createIndex({ at: -1, _id: -1 });
  }

  async record(type: SecurityEventType, at: Date, fields: { actorId?: string | null; subject: string; address?: string | null; detail?: Record<string, unknown>; notify?: string[] }): Promise<void> {
    const event = {
      type,
      at: at.toISOString(),
      actorId: fields.actorId ?? null,
      subject: fields.subject,
      address: fields.address ?? null,
      detail: (fields.detail ?? {}) as JsonObject,
      ...(fields.notify?.length ? { notify: fields.notify } : {}),
    };
    await this.log.record(identityStreams.securityEvent(randomUUID()), 'SecurityEventRecorded', event, 'no_stream', { actorId: fields.actorId ?? null, unitId: null, at });
  }

  /** What the user was told of (newest first): the role changes of its unit, for a head. */
  async noticesFor(userId: string, limit: number): Promise<SecurityEvent[]> {
    return this.events.find({ notify: userId }, { sort: { at: -1, _id: -1 }, limit, exclude: ['_position'] });
  }

  /** Newest first, a page at a time: the page after `cursor` (as `page` gave it out). */
  async page(limit: number, cursor: string | undefined, type: SecurityEventType | null): Promise<{ items: SecurityEvent[]; nextCursor: string | null }> {
    const found = await this.events.find({ ...afterCursor(cursor, 'at', -1), ...(type ? { type } : {}) }, { sort: { at: -1, _id: -1 }, limit: limit + 1, exclude: ['_position'] });
    return page(found as (SecurityEvent & Record<string, unknown>)[], limit, 'at');
  }
}
