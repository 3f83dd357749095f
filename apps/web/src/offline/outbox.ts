import { api, ApiError, ensureSignedIn, isUnreachable, session } from '../api';
import { drafts, outbox, seal, unseal, type OutboxItem } from './device-store';

/** A queued item older than this is pointed out to the officer: a week is long for a citizen to wait. */
export const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a form's command came from, so a refusal reopens the same form with what was typed. */
export interface FormOrigin {
  userId: string;
  title: string;
  form: string;
  route: string;
}

export type Submitted<T> = { sent: T } | { queued: true };

/**
 * Sends a command, or, when the server cannot be reached, keeps it on this device (sealed) to be sent once the
 * connection is back. One Idempotency-Key from the first try on: a request that reached the server before the
 * connection dropped is not carried out twice. A refusal by the server is thrown as usual.
 */
export async function submitOrKeep<T>(origin: FormOrigin, path: string, body: unknown, values: unknown): Promise<Submitted<T>> {
  const id = crypto.randomUUID();
  try {
    return { sent: await api<T>(path, { method: 'POST', body, headers: { 'Idempotency-Key': id } }) };
  } catch (error) {
    if (!isUnreachable(error)) throw error;
  }
  await outbox.add({ id, ...origin, path, createdAt: new Date().toISOString(), state: 'waiting', sealed: await seal(origin.userId, { body, values }) });
  return { queued: true };
}

let sending: Promise<void> | null = null;

/**
 * Sends the user's waiting items (a tab opened offline asks the user to sign in first, when `askToSignIn`), oldest first, each with its own key (a retry is harmless). It stops at the first
 * that cannot reach the server, keeps those the server could not take now (busy, failing) for the next try, and
 * marks those it refused, to come back to the officer as a task with what was typed. One run at a time.
 */
export function sendWaiting(userId: string, { askToSignIn }: { askToSignIn: boolean }): Promise<void> {
  sending ??= (async () => {
    const waiting = (await outbox.of(userId)).filter((item) => item.state === 'waiting');
    if (waiting.length === 0 || (!askToSignIn && !session.token()) || !(await ensureSignedIn())) return;
    for (const item of waiting) {
      const { body } = await unseal<{ body: unknown }>(userId, item.sealed);
      try {
        await api(item.path, { method: 'POST', body, headers: { 'Idempotency-Key': item.id } });
        await outbox.remove(item.id);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status === 0) return;
        if (error.status === 401 || error.status === 429 || error.status >= 500 || error.problem.error === 'IDEMPOTENCY_KEY_IN_PROGRESS') return;
        await outbox.refuse(item, refusalText(error));
      }
    }
  })().finally(() => (sending = null));
  return sending;
}

/** The server's words, with the fields it named. */
function refusalText(error: ApiError): string {
  const details = Array.isArray(error.problem.details) ? error.problem.details.map((d) => d.reason).filter((reason) => reason !== error.message) : [];
  return [error.message, ...details].join(' ');
}

/** A refused item back in its form: the typed values become the form's draft, and the item leaves the outbox. */
export async function reopen(item: OutboxItem): Promise<string> {
  const { values } = await unseal<{ values: unknown }>(item.userId, item.sealed);
  await drafts.save(item.userId, item.form, values);
  await outbox.remove(item.id);
  return item.route;
}
