/** Input refused before any route saw it: too large, too deep, with prototype keys or hidden characters, not JSON. */
export class InputRefusedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | number,
    readonly code: string,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'InputRefusedError';
  }
}
