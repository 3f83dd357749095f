import { randomUUID } from 'node:crypto';
import type { ReadModelStore } from '@integrity/read-models';

/** What an administrator reviews: attempts on accounts and changes to who may do what. */
export const SECURITY_EVENT_TYPES = ['sign_in_failed', 'account_locked', 'roles_changed', 'user_deactivated', 'password_changed', 'reporter_erased'] as const;
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
}

/** An append-only record of security events, kept apart from the application's log lines. */
export class SecurityLog {
  private readonly events;

  constructor(store: ReadModelStore) {
    this.events = store.collection<SecurityEvent>('security_events');
  }

  async init(): Promise<void> {
    await this.events.createIndex({ at: -1, _id: -1 });
  }

  async record(type: SecurityEventType, at: Date, fields: { actorId?: string | null; subject: string; address?: string | null; detail?: Record<string, unknown> }): Promise<void> {
    await this.events.insertOne({ _id: randomUUID(), type, at: at.toISOString(), actorId: fields.actorId ?? null, subject: fields.subject, address: fields.address ?? null, detail: fields.detail ?? {} });
  }

  /** Newest first, a page at a time: the page after `before` (the last `at` and id seen). */
  async page(limit: number, before: { at: string; id: string } | null, type: SecurityEventType | null): Promise<SecurityEvent[]> {
    const older = before ? { $or: [{ at: { $lt: before.at } }, { at: before.at, _id: { $lt: before.id } }] } : {};
    return this.events.find({ ...older, ...(type ? { type } : {}) }, { sort: { at: -1, _id: -1 }, limit });
  }
}
