/** A write refused because a store failed its integrity check: nothing more goes into a damaged file. */
export class StoreDamagedError extends Error {
  readonly code = 'STORE_DAMAGED';

  constructor(readonly stores: string[]) {
    super(`Writes are refused while ${stores.join(', ')} ${stores.length === 1 ? 'is' : 'are'} damaged: restore from a backup (see the README) and restart`);
    this.name = 'StoreDamagedError';
  }
}
