import { invalid } from './domain-error';

export const TEXT_MAX_LENGTH = 4000;
export const NAME_MAX_LENGTH = 200;

/** Trimmed, non-empty text of bounded length. */
export function requiredText(value: string | null | undefined, field: string, max = TEXT_MAX_LENGTH): string {
  const trimmed = (value ?? '').trim();
  if (trimmed.length === 0) throw invalid('REQUIRED', field, `${field} must not be empty`);
  if (trimmed.length > max) throw invalid('TOO_LONG', field, `${field} must be at most ${max} characters`, { max });
  return trimmed;
}

/** Absent or blank gives null; otherwise the same rules as requiredText. */
export function optionalText(value: string | null | undefined, field: string, max = TEXT_MAX_LENGTH): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : requiredText(value, field, max);
}

export function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw invalid('NOT_ALLOWED', field, `${field} must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A whole number of people, leaflets or sessions, 0 or more; absent gives null. */
export function countOrNull(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0) throw invalid('NOT_A_COUNT', field, `${field} must be a whole number, 0 or more`);
  return value;
}
