import { invalid } from '@integrity/domain';
import { IdentityError, readsEveryUnit, type Actor } from '@integrity/identity';

/** Whose data a read covers: the actor's unit, or for the AAC every unit or the one it names. */
export function unitScope(actor: Actor, unitId: string | undefined): Record<string, unknown> {
  if (readsEveryUnit(actor)) return unitId ? { unitId } : {};
  if (unitId && unitId !== actor.unitId) throw new IdentityError('FORBIDDEN', 'Only the AAC reads other units', 403, 'unitId');
  if (!actor.unitId) throw invalid('UNIT_REQUIRED', 'unitId', 'Only a user of an ethics unit reads cases');
  return { unitId: actor.unitId };
}
