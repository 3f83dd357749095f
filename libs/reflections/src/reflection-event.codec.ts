import { Injectable } from '@nestjs/common';
import { REFLECTION_EVENT_VERSIONS, upcastReflectionEvent, type ReflectionEvent, type ReflectionEventType, type Reporter } from '@integrity/domain';
import { isSealed, UnknownSchemaVersionError, type EventCodec, type JsonObject, type RecordedEvent } from '@integrity/event-store';
import { PersonalDataVault } from '@integrity/identity';

/** The events a case begins with, which carry the reporter. */
export const INTAKE_TYPES: readonly string[] = ['ReflectionReceived', 'ReflectionImported'];

/**
 * Reflection events as stored. The reporter's personal data is sealed under its own key from the very first
 * event, so erasing the key erases the reporter from an immutable log. Older schema versions are upcast on read.
 */
@Injectable()
export class ReflectionEventCodec implements EventCodec<ReflectionEvent> {
  constructor(private readonly vault: PersonalDataVault) {}

  schemaVersion(type: ReflectionEventType): number {
    return REFLECTION_EVENT_VERSIONS[type];
  }

  async encode(event: ReflectionEvent, now: Date): Promise<JsonObject> {
    if ((event.type === 'ReflectionReceived' || event.type === 'ReflectionImported') && event.data.reporter) {
      return { ...event.data, reporter: { ...(await this.vault.seal(event.data.reporter, now)) } } as unknown as JsonObject;
    }
    return event.data as unknown as JsonObject;
  }

  async decode(recorded: RecordedEvent): Promise<ReflectionEvent> {
    const data = upcastReflectionEvent(recorded.type, recorded.schemaVersion, recorded.data);
    if (data === null) throw new UnknownSchemaVersionError(recorded);
    if (INTAKE_TYPES.includes(recorded.type) && isSealed(data.reporter)) {
      const reporter = await this.vault.open<Reporter>(data.reporter);
      return { type: recorded.type, data: { ...data, reporter } } as unknown as ReflectionEvent;
    }
    return { type: recorded.type, data } as unknown as ReflectionEvent;
  }

  /** The key that seals this reflection's reporter, if it has one. */
  reporterKeyOf(history: RecordedEvent[]): string | null {
    const received = history.find((e) => INTAKE_TYPES.includes(e.type));
    return received && isSealed(received.data.reporter) ? received.data.reporter.keyId : null;
  }
}
