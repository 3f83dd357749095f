/** A write refused because a store failed its integrity check: nothing more goes into a damaged file. */
export class StoreDamagedError extends Error {
  readonly code = 'STORE_DAMAGED';

  constructor(
    readonly stores: string[],
    /** Where the damage was met, when a read met it: the stream and the revision whose hash does not hold. */
    readonly where: { streamId: string; revision: number; reason: string } | null = null,
  ) {
    super(
      where
        ? `The stored history of ${where.streamId} does not hold at revision ${where.revision} (${where.reason}): writes are refused; restore from a backup (see docs/operations.md) and restart`
        : `Writes are refused while ${stores.join(', ')} ${stores.length === 1 ? 'is' : 'are'} damaged: repair it (see docs/operations.md) and restart`,
    );
    this.name = 'StoreDamagedError';
  }
}

/** The disk holding the stores is full: nothing was recorded, and nothing will be until there is room again. */
export class StorageFullError extends Error {
  readonly code = 'STORAGE_FULL';

  constructor() {
    super('The disk holding the data is full: nothing was recorded; the administrator must free space, after which writes go on by themselves');
    this.name = 'StorageFullError';
  }
}
