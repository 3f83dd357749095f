/** The client's If-Match revision is stale: it must reload the case and decide again. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`The case is at revision ${currentRevision}, not ${expectedRevision}: reload it and try again`);
    this.name = 'ConcurrencyConflictError';
  }
}
