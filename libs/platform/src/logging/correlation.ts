import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<string>();

/**
 * The correlation id of the work in progress (a request, a job), kept across awaits: every log line written
 * meanwhile carries it, and the events a request records carry it in their metadata.
 */
export const Correlation = {
  run<T>(correlationId: string, work: () => T): T {
    return current.run(correlationId, work);
  },
  id(): string | null {
    return current.getStore() ?? null;
  },
};

/** A correlation id given by a caller or a proxy is taken only in this shape; anything else gets a fresh one. */
export const CORRELATION_ID_SHAPE = /^[\w.:-]{1,100}$/;
