/** Refusals of the identity module, each with a stable code for clients. */
export class IdentityError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}
