import { notFound, type ReflectionState } from '@integrity/domain';
import { streamIdOf } from '@integrity/event-store';
import { readsEveryUnit, type Actor } from '@integrity/identity';

export const reflectionStream = (reflectionId: string) => streamIdOf('reflection', reflectionId);

/** Another unit's reflection answers exactly as a missing one does. The AAC reads every unit's. */
export function canSee(actor: Actor, state: ReflectionState): boolean {
  return state.intake !== null && (readsEveryUnit(actor) || state.intake.unitId === actor.unitId);
}

export const reflectionNotFound = () => notFound('REFLECTION_NOT_FOUND', 'No such reflection');

/** Changes come only from the reflection's own unit. */
export function authorizeChange(actor: Actor) {
  return (state: ReflectionState) => {
    if (state.intake === null || state.intake.unitId !== actor.unitId) throw reflectionNotFound();
  };
}
