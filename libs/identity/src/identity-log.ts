import { randomUUID } from 'node:crypto';
import { logPages, nameBasedId, WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type JsonObject, type NewEvent, type RecordedEvent } from '@integrity/event-store';
import { DuplicateKeyError, positionKey, type ReadModelCollection, type ReadModelDocument, type ReadModelStore } from '@integrity/read-models';

/**
 * Units, users, security events and which notifications each user has read are facts in the event log like
 * everything else (issue 11: only the log is truth); their collections are documents folded from it. A unit is created in a stream named for its code and a
 * user in one named for its username key, so the log itself refuses a second unit with the code or a second
 * account with the name (the append expects no stream).
 */
export const IDENTITY_CATEGORIES = ['unitcode', 'unit', 'account', 'user', 'securityevent', 'notificationread'];

export const identityStreams = {
  unitCode: (code: string) => `unitcode-${nameBasedId('unit-code', code)}`,
  unit: (unitId: string) => `unit-${unitId}`,
  account: (usernameKey: string) => `account-${nameBasedId('account', usernameKey)}`,
  user: (userId: string) => `user-${userId}`,
  securityEvent: (id: string) => `securityevent-${id}`,
  /** Once per notification: the first reading is the one kept. */
  notificationRead: (notificationId: string) => `notificationread-${nameBasedId('notification-read', notificationId)}`,
};

export const IDENTITY_COLLECTIONS = ['units', 'users', 'security_events', 'notification_reads'] as const;
export type IdentityCollection = (typeof IDENTITY_COLLECTIONS)[number];
type Folded = ReadModelDocument & { _position?: string; [field: string]: unknown };

/** Which document an identity event changes, and how. */
function changeOf(event: Pick<RecordedEvent, 'type' | 'data' | 'streamId'>): { collection: IdentityCollection; id: string; next: (doc: Folded | null) => Folded } | null {
  const data = event.data as Record<string, unknown>;
  const ownId = event.streamId.slice(event.streamId.indexOf('-') + 1);
  const raised = (doc: Folded | null) => ((doc?.tokenVersion as number | undefined) ?? 0) + 1;
  switch (event.type) {
    case 'UnitCreated': {
      const { unitId, ...unit } = data;
      return { collection: 'units', id: unitId as string, next: (doc) => ({ ...doc, ...unit, _id: unitId as string }) };
    }
    case 'UnitDeadlinePolicySet':
      return { collection: 'units', id: ownId, next: (doc) => ({ ...(doc as Folded), deadlinePolicy: data.policy }) };
    case 'UnitProfileSet':
      return { collection: 'units', id: ownId, next: (doc) => ({ ...(doc as Folded), profile: data }) };
    case 'UnitActiveFromSet':
      return { collection: 'units', id: ownId, next: (doc) => ({ ...(doc as Folded), activeFrom: data.activeFrom }) };
    case 'UserCreated': {
      const { userId, ...user } = data;
      return { collection: 'users', id: userId as string, next: (doc) => ({ ...doc, ...user, _id: userId as string }) };
    }
    case 'UserRolesChanged':
      return { collection: 'users', id: ownId, next: (doc) => ({ ...(doc as Folded), roles: data.roles, tokenVersion: raised(doc) }) };
    case 'UserDeactivated':
      return { collection: 'users', id: ownId, next: (doc) => ({ ...(doc as Folded), active: false, tokenVersion: raised(doc) }) };
    case 'UserReactivated':
      return { collection: 'users', id: ownId, next: (doc) => ({ ...(doc as Folded), active: true, tokenVersion: raised(doc) }) };
    case 'UserPasswordReset':
      return { collection: 'users', id: ownId, next: (doc) => ({ ...(doc as Folded), passwordHash: data.passwordHash, mustChangePassword: true, tokenVersion: raised(doc) }) };
    case 'UserPasswordRehashed':
      return { collection: 'users', id: ownId, next: (doc) => ({ ...(doc as Folded), passwordHash: data.passwordHash }) };
    case 'UserPasswordChanged':
      return { collection: 'users', id: ownId, next: (doc) => ({ ...(doc as Folded), passwordHash: data.passwordHash, mustChangePassword: false, tokenVersion: raised(doc) }) };
    case 'SecurityEventRecorded':
      return { collection: 'security_events', id: ownId, next: () => ({ _id: ownId, ...data }) };
    case 'NotificationRead': {
      const { notificationId, ...read } = data;
      return { collection: 'notification_reads', id: notificationId as string, next: () => ({ _id: notificationId as string, ...read }) };
    }
    default:
      return null;
  }
}

export interface RecordedBy {
  actorId: string | null;
  unitId: string | null;
  at: Date;
}

/** A stream that had to be new was not: the code or the username is taken. */
export class StreamTakenError extends Error {
  constructor(readonly streamId: string) {
    super(`${streamId} exists`);
    this.name = 'StreamTakenError';
  }
}

/** An identity fact to append: one event, schema version 1, no causation (it is nobody's consequence). */
function factEvent(id: string, type: string, data: JsonObject, by: RecordedBy): NewEvent {
  return { id, type, schemaVersion: 1, data, metadata: { actorId: by.actorId ?? 'system', unitId: by.unitId, correlationId: randomUUID(), causationId: null, occurredAt: by.at.toISOString() } };
}

export class IdentityLog {
  private readonly checkpoints;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadModelStore,
  ) {
    this.checkpoints = store.collection<ReadModelDocument & { position: string; eventLog?: string }>('identity_checkpoint');
  }

  /** Appends one fact and folds it into its document at once, so the next request reads it. */
  async record(streamId: string, type: string, data: JsonObject, expected: ExpectedRevision, by: RecordedBy): Promise<void> {
    const event = factEvent(randomUUID(), type, data, by);
    let position: bigint;
    try {
      ({ position } = await this.events.append(streamId, [event], expected));
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError && expected === 'no_stream') throw new StreamTakenError(streamId);
      throw error;
    }
    await this.fold([{ ...event, streamId, position }]);
  }

  /**
   * Folds events into their documents, guarded: a document is replaced only as it was read (another process
   * folding it meanwhile makes this one read again), so two API processes never undo each other's facts. An event
   * older than the document it changes (another process folded a later one first) has the document folded again
   * from its streams, so it holds every fact in the log's order.
   */
  private async fold(events: Pick<RecordedEvent, 'type' | 'data' | 'streamId' | 'position'>[]): Promise<void> {
    for (const event of events) {
      const change = changeOf(event);
      if (!change) continue;
      const key = positionKey(event.position);
      const collection = this.store.collection<Folded>(change.collection);
      for (let attempt = 0; ; attempt++) {
        if (attempt === 10) throw new Error(`${change.collection}/${change.id} kept changing while ${event.type} was folded into it`);
        const doc = await collection.findOne({ _id: change.id });
        if (doc?._position === key) break;
        const next = doc?._position !== undefined && doc._position > key ? await this.refold(change.collection, doc) : { ...change.next(doc), _position: key };
        if (next === null || (await this.replaceAsRead(collection, doc, next))) break;
      }
    }
  }

  /** Replaces the document only if it is still as read (or still absent); answers whether it did. */
  private async replaceAsRead(collection: ReadModelCollection<Folded>, read: Folded | null, replacement: Folded): Promise<boolean> {
    if (read === null) {
      try {
        await collection.insertOne(replacement);
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    }
    const filter = read._position === undefined ? { _id: read._id, _position: { $exists: false } } : { _id: read._id, _position: read._position };
    // Changed meanwhile, the filter finds nothing and the upsert meets the document's _id: skipped as a duplicate.
    const { skipped } = await collection.bulkWrite([{ replaceOne: { filter, replacement, upsert: true } }], { skipDuplicates: true });
    return skipped === 0;
  }

  /**
   * A user or unit folded again from the streams that make it (the one that created it and its own), in the log's
   * order; null for a document that has no such streams to read (it came before identity lived in the log).
   */
  private async refold(collection: IdentityCollection, doc: Folded): Promise<Folded | null> {
    const streams =
      collection === 'users' && typeof doc.usernameKey === 'string'
        ? [identityStreams.account(doc.usernameKey), identityStreams.user(doc._id)]
        : collection === 'units' && typeof doc.code === 'string'
          ? [identityStreams.unitCode(doc.code), identityStreams.unit(doc._id)]
          : null;
    if (streams === null) return null;
    const events = (await Promise.all(streams.map((stream) => this.events.readStream(stream)))).flat().sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    let folded: Folded | null = null;
    for (const event of events) {
      const change = changeOf(event);
      if (change?.id === doc._id) folded = { ...change.next(folded), _position: positionKey(event.position) };
    }
    return folded;
  }

  /**
   * At start: every identity fact after the last restore folded into its document, so a read-model file deleted
   * (or a new process on a shared store) holds every unit, user and security event again. Documents folded from
   * another event log (its positions mean nothing here) are dropped and folded again from this one.
   */
  async restore(): Promise<{ folded: number; fromAnotherLog: string | null }> {
    const eventLog = await this.events.identity();
    const checkpoint = await this.checkpoints.findOne({ _id: 'identity' });
    const fromAnotherLog = checkpoint?.eventLog && checkpoint.eventLog !== eventLog ? checkpoint.eventLog : null;
    if (fromAnotherLog) {
      for (const collection of IDENTITY_COLLECTIONS) await this.store.collection(collection).drop();
    }
    const after = checkpoint && !fromAnotherLog ? BigInt(checkpoint.position) : null;
    let folded = 0;
    for await (const page of logPages(this.events, { after, pageSize: 500, categories: IDENTITY_CATEGORIES })) {
      await this.fold(page);
      folded += page.length;
      await this.checkpoints.updateOne({ _id: 'identity' }, { $set: { position: page[page.length - 1].position.toString(), eventLog } }, { upsert: true });
    }
    if (fromAnotherLog && folded === 0) await this.checkpoints.deleteOne({ _id: 'identity' });
    // A checkpoint from before logs had identities belongs to this log: say so, so a later move is noticed.
    if (checkpoint && !checkpoint.eventLog && folded === 0) await this.checkpoints.updateOne({ _id: 'identity' }, { $set: { eventLog } });
    return { folded, fromAnotherLog };
  }

  /**
   * Every identity document folded again from the whole log (`npm run projections:rebuild`, the application
   * stopped): what a log restored to an earlier point no longer holds goes with the rest.
   */
  async rebuild(): Promise<number> {
    for (const collection of IDENTITY_COLLECTIONS) await this.store.collection(collection).drop();
    await this.checkpoints.deleteOne({ _id: 'identity' });
    return (await this.restore()).folded;
  }

  /**
   * Documents written before identity lived in the log (no `_position`): each becomes its creating fact once, so
   * the log holds it from now on. Logged by the caller; never silent.
   */
  async migrate(collection: IdentityCollection, streamOf: (doc: Folded) => string, factOf: (doc: Folded) => { type: string; data: JsonObject }): Promise<number> {
    const documents = this.store.collection<Folded>(collection);
    let migrated = 0;
    for (const doc of await documents.find({ _position: { $exists: false } })) {
      const { type, data } = factOf(doc);
      const streamId = streamOf(doc);
      const event = factEvent(nameBasedId('identity-migration', `${collection}:${doc._id}`), type, data, { actorId: 'migration', unitId: null, at: new Date() });
      try {
        const { position } = await this.events.append(streamId, [event], 'no_stream');
        await documents.updateOne({ _id: doc._id }, { $set: { _position: positionKey(position) } });
        migrated++;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    return migrated;
  }
}
