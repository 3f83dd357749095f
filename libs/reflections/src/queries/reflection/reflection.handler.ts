import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, taipeiDateOf, type Clock, type Reporter } from '@integrity/domain';
import { EVENT_STORE, type EventStore } from '@integrity/event-store';
import { PersonalDataAccessLog, PersonalDataVault, readsEveryUnit } from '@integrity/identity';
import type { ReadUntil } from '@integrity/platform';
import { ActiveReadModels, recordedBy, reflectionFrom, type ReadModelSet, type ReflectionDocument } from '@integrity/read-models';
import { reflectionNotFound, reflectionStream } from '../../reflection-access';
import { ReflectionQuery, type ReflectionView } from './reflection.query';

@QueryHandler(ReflectionQuery)
export class ReflectionHandler implements IQueryHandler<ReflectionQuery, ReflectionView> {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly vault: PersonalDataVault,
    private readonly accessLog: PersonalDataAccessLog,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reflectionId, actor, until }: ReflectionQuery): Promise<ReflectionView> {
    const set = await this.readModels.current();
    const current = await set.reflections.findOne({ _id: reflectionId });
    if (!current || (!readsEveryUnit(actor) && current.unitId !== actor.unitId)) throw reflectionNotFound();
    const doc = until ? await this.asOf(current, until, set) : current;
    // The receipt's hashes stay in the read model: the case says only whether there is one, and since when.
    const { _id, _position, receiptKey: _receiptKey, reporterSealed, receipt: held, ...rest } = doc;
    const receipt = held ? { check: held.check, issuedOn: held.issuedOn } : null;
    const reporter = reporterSealed ? await this.accessLog.disclose(actor, { id: _id, unitId: doc.unitId }, until ? 'case_as_of' : 'case', () => this.vault.open<Reporter>(reporterSealed)) : null;
    // As it stood then, "overdue" is judged on that day.
    const today = taipeiDateOf(until ? new Date(until.asOf ?? doc.updatedAt) : this.clock.now());
    const asked = { ...(until?.asOf ? { asOf: until.asOf.toISOString() } : {}), ...(until?.revision != null ? { asOfRevision: until.revision } : {}) };
    return { id: _id, ...rest, receipt, reporter, overdue: rest.nextDueOn !== null && rest.nextDueOn < today, ...asked };
  }

  /** The case folded from its events up to the instant or revision; not found when it had not been received yet. */
  private async asOf(current: ReflectionDocument, until: ReadUntil, set: ReadModelSet): Promise<ReflectionDocument> {
    const site = current.siteId ? await set.sites.findOne({ _id: current.siteId }) : null;
    const doc = reflectionFrom(recordedBy(await this.events.readStream(reflectionStream(current._id)), until.asOf, until.revision), site);
    if (!doc) throw reflectionNotFound();
    // Its number is given where the log orders it, which the case's own events do not tell.
    return { ...doc, caseNo: current.caseNo, receiptKey: current.receiptKey };
  }
}
