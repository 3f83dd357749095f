/**
 * Why a command was refused. `invalid` is bad input (HTTP 400, with the field),
 * `conflict` breaks a rule of the case's life (409), `not_found` names what does not exist (404).
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, field: string, message: string) => new DomainError(code, message, 'invalid', field);
export const conflict = (code: string, message: string) => new DomainError(code, message, 'conflict');
export const notFound = (code: string, message: string) => new DomainError(code, message, 'not_found');
