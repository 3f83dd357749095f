/** Who asks, for which unit, and how to tell this request from its retries. */
export interface CommandContext {
  actorId: string;
  unitId: string | null;
  correlationId: string;
  /** One id per request: its retries share it, so their events share ids and the store keeps them once. */
  commandId: string;
  /** The revision the client saw (If-Match); absent: reload and decide again on a conflict. */
  expectedRevision?: number;
  now: Date;
}
