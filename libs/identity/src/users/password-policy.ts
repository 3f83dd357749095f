import { IdentityError } from '../identity-error';
import { accountKey } from './account-key';

/** At least this many characters (issue 10: twelve, a length no dictionary word plus a digit reaches). */
export const PASSWORD_MIN_LENGTH = 12;

/**
 * A password must not contain its own username, however either was typed ('Chen.Officer-2026' for chen.officer):
 * the first thing anyone guessing tries. The length is the request's rule (PASSWORD_MIN_LENGTH).
 */
export function refusePasswordContainingUsername(password: string, username: string, field: string): void {
  if (accountKey(password).includes(accountKey(username))) {
    throw new IdentityError('PASSWORD_CONTAINS_USERNAME', `The ${field} must not contain the username`, 400, field);
  }
}
