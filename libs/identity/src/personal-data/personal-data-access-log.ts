import { randomUUID } from 'node:crypto';
import type { Reporter } from '@integrity/domain';
import type { EventStore } from '@integrity/event-store';
import { PERSONAL_DATA_ACCESS_CATEGORY, type PersonalDataView } from '@integrity/read-models';
import { hasAnyRole, PERSONAL_DATA_ROLES, type Actor } from '../roles';

export const PERSONAL_DATA_ACCESSED = 'PersonalDataAccessed';

/** What a reader who may not see personal data, or whose access could not be recorded, is shown instead. */
export type WithheldReporter = { redacted: true; reason?: 'access_not_recorded' };
export const REDACTED_REPORTER: WithheldReporter = { redacted: true };

export const accessStream = (reflectionId: string) => `${PERSONAL_DATA_ACCESS_CATEGORY}-${reflectionId}`;

/**
 * 個人資料保護法: who saw a reporter's data is kept. Every response that shows a reporter in clear first appends
 * an access record to the reflection's access stream in the event log (hash-chained like every stream); records
 * name the reflection, never the person, so they outlive the reporter's erasure. When the record cannot be
 * written, the reporter is withheld: nobody sees personal data without a trace.
 */
export class PersonalDataAccessLog {
  constructor(
    private readonly events: EventStore,
    private readonly now: () => Date,
  ) {}

  /** The reporter as this actor may see it, recorded when shown in clear. `open` gives it in clear (null once erased). */
  async disclose(
    actor: Actor,
    reflection: { id: string; unitId: string },
    view: PersonalDataView,
    open: () => Promise<Reporter | null>,
  ): Promise<Reporter | WithheldReporter | null> {
    if (!hasAnyRole(actor, PERSONAL_DATA_ROLES)) return REDACTED_REPORTER;
    const reporter = await open();
    if (!reporter) return null;
    try {
      await this.record(actor, reflection, view);
    } catch {
      return { redacted: true, reason: 'access_not_recorded' };
    }
    return reporter;
  }

  private async record(actor: Actor, reflection: { id: string; unitId: string }, view: PersonalDataView): Promise<void> {
    const data = { reflectionId: reflection.id, reflectionUnitId: reflection.unitId, view };
    const metadata = { actorId: actor.userId, causationId: null, correlationId: randomUUID(), occurredAt: this.now().toISOString(), unitId: actor.unitId };
    await this.events.append(accessStream(reflection.id), [{ id: randomUUID(), type: PERSONAL_DATA_ACCESSED, schemaVersion: 1, data, metadata }], 'any');
  }
}
