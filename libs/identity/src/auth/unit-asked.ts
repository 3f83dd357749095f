import { IdentityError } from '../identity-error';
import { readsEveryUnit, type Actor } from '../roles';

/** The one unit a read is about: the actor's own, or for the AAC the unit it names (which it must name). */
export function unitAsked(actor: Actor, unitId: string | undefined): string {
  if (readsEveryUnit(actor)) {
    if (!unitId) throw new IdentityError('UNIT_REQUIRED', 'The AAC names the unit (unitId)', 400, 'unitId');
    return unitId;
  }
  if (unitId && unitId !== actor.unitId) throw new IdentityError('FORBIDDEN', 'Only the AAC reads other units', 403, 'unitId');
  if (!actor.unitId) throw new IdentityError('UNIT_REQUIRED', 'Only a user of an ethics unit has its own unit', 400, 'unitId');
  return actor.unitId;
}

/**
 * Whose data a read covers, as a filter: the actor's unit, or for the AAC every unit or the one it names. Naming
 * another unit is refused (403), never quietly replaced by one's own.
 */
export function unitScope(actor: Actor, unitId: string | undefined): { unitId?: string } {
  if (readsEveryUnit(actor)) return unitId ? { unitId } : {};
  if (unitId && unitId !== actor.unitId) throw new IdentityError('FORBIDDEN', 'Only the AAC reads other units', 403, 'unitId');
  if (!actor.unitId) throw new IdentityError('UNIT_REQUIRED', 'Only a user of an ethics unit reads its unit', 400, 'unitId');
  return { unitId: actor.unitId };
}
