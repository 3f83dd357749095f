import type { DomainEvent } from '@integrity/domain';
import type { JsonObject, RecordedEvent } from '../event-envelope';

/**
 * Turns a decider's events into stored data and back. `encode` may seal personal data; `decode` upcasts old
 * schema versions and opens sealed data, so deciders only ever see the current shape.
 */
export interface EventCodec<Event extends DomainEvent> {
  schemaVersion(type: Event['type']): number;
  encode(event: Event, now: Date): Promise<JsonObject>;
  decode(recorded: RecordedEvent): Promise<Event>;
}

export class UnknownSchemaVersionError extends Error {
  constructor(recorded: RecordedEvent) {
    super(`${recorded.type} version ${recorded.schemaVersion} at ${recorded.streamId}@${recorded.revision} is newer than this code knows`);
    this.name = 'UnknownSchemaVersionError';
  }
}

/** For streams whose events hold no personal data and have only ever had version 1. */
export function plainCodec<Event extends DomainEvent>(): EventCodec<Event> {
  return {
    schemaVersion: () => 1,
    encode: async (event) => event.data as JsonObject,
    decode: async (recorded) => {
      if (recorded.schemaVersion !== 1) throw new UnknownSchemaVersionError(recorded);
      return { type: recorded.type, data: recorded.data } as Event;
    },
  };
}

/** For streams without personal data whose events have grown new versions: written at the current one, read upcast. */
export function versionedCodec<Event extends DomainEvent>(
  versions: Record<Event['type'], number>,
  upcast: (type: string, version: number, data: JsonObject) => Record<string, unknown> | null,
): EventCodec<Event> {
  return {
    schemaVersion: (type) => versions[type],
    encode: async (event) => event.data as JsonObject,
    decode: async (recorded) => {
      const data = upcast(recorded.type, recorded.schemaVersion, recorded.data);
      if (data === null) throw new UnknownSchemaVersionError(recorded);
      return { type: recorded.type, data } as Event;
    },
  };
}
