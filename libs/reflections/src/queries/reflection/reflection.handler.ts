import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CLOCK, taipeiDateOf, type Clock, type Reporter } from '@integrity/domain';
import { hasAnyRole, PERSONAL_DATA_ROLES, PersonalDataVault, readsEveryUnit } from '@integrity/identity';
import { ActiveReadModels } from '@integrity/read-models';
import { reflectionNotFound } from '../../reflection-access';
import { REDACTED_REPORTER } from '../reflection-reader';
import { ReflectionQuery, type ReflectionView } from './reflection.query';

@QueryHandler(ReflectionQuery)
export class ReflectionHandler implements IQueryHandler<ReflectionQuery, ReflectionView> {
  constructor(
    private readonly readModels: ActiveReadModels,
    private readonly vault: PersonalDataVault,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ reflectionId, actor }: ReflectionQuery): Promise<ReflectionView> {
    const doc = await (await this.readModels.current()).reflections.findOne({ _id: reflectionId });
    if (!doc || (!readsEveryUnit(actor) && doc.unitId !== actor.unitId)) throw reflectionNotFound();
    const { _id, _position, reporterSealed, ...rest } = doc;
    let reporter: ReflectionView['reporter'] = null;
    if (reporterSealed) reporter = hasAnyRole(actor, PERSONAL_DATA_ROLES) ? await this.vault.open<Reporter>(reporterSealed) : REDACTED_REPORTER;
    const today = taipeiDateOf(this.clock.now());
    return { id: _id, ...rest, reporter, overdue: rest.nextDueOn !== null && rest.nextDueOn < today };
  }
}
