/** Reporter (反映者) personal data. Every field is optional: a reporter may stay anonymous. */
export interface Reporter {
  name?: string;
  occupation?: string;
  phone?: string;
  address?: string;
}

export function isAnonymous(reporter: Reporter | null): boolean {
  return !reporter?.name?.trim();
}

export function hasContact(reporter: Reporter | null): boolean {
  return Boolean(reporter?.phone?.trim() || reporter?.address?.trim());
}
