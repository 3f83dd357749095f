/** Event ids name one decision: reusing one for different events is a programming error, never a retry. */
export class EventIdReusedError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} was already used for other events than those appended now to ${streamId}`);
    this.name = 'EventIdReusedError';
  }
}
