/** Refusals of the identity module, each with a stable code for clients. */
export class IdentityError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429,
    readonly field?: string,
    /** Values the message names, for messages in other languages. */
    readonly params?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}
