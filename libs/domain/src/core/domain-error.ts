/**
 * Why a command was refused. `invalid` is bad input (HTTP 400, with the field), `conflict` breaks a rule of
 * the case's life (409), `not_found` names what does not exist (404), `forbidden` is a step the programme
 * gives to somebody else (403).
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found' | 'forbidden';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly field?: string,
    /** What the caller needs to know to put it right, for example what is still missing. */
    readonly details?: Record<string, unknown>,
    /** Values the message names, for messages in other languages (dates as YYYY-MM-DD). */
    readonly params?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, field: string, message: string, params?: Record<string, unknown>) => new DomainError(code, message, 'invalid', field, undefined, params);
/** A rule of the case's life; `details` are answered to the caller and named in the message. */
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, message, 'conflict', undefined, details, details);
export const forbidden = (code: string, message: string) => new DomainError(code, message, 'forbidden');
export const notFound = (code: string, message: string) => new DomainError(code, message, 'not_found');
