import { useCallback, useContext, useEffect, useRef } from 'react';
import { session } from '../api';
import { MeContext } from '../session';
import { drafts } from './device-store';

const SAVE_AFTER_MS = 400;

/**
 * Keeps what is typed in a form as a sealed draft on this device (per user and form), and puts it back when the
 * form opens again: a dropped connection, an expired session or a closed tab loses no typing. A draft is put back
 * only in a tab signed in, so a device left open shows nobody else what was typed. `clear` on success.
 */
export function useDraft<T>(form: string | null, values: T, restore: (values: T) => void): { clear: () => Promise<void> } {
  const me = useContext(MeContext);
  const userId = form ? me?.userId : undefined;
  const pristine = useRef(JSON.stringify(values));
  const restored = useRef(false);

  useEffect(() => {
    if (!userId || !form || !session.token()) {
      restored.current = true;
      return;
    }
    let current = true;
    void drafts
      .load<T>(userId, form)
      .then((draft) => current && draft && restore(draft))
      .catch(() => undefined)
      .finally(() => (restored.current = true));
    return () => {
      current = false;
    };
    // Put back once, when the form opens.
  }, [userId, form]);

  const typed = JSON.stringify(values);
  useEffect(() => {
    if (!userId || !form || !restored.current || typed === pristine.current) return;
    const timer = setTimeout(() => void drafts.save(userId, form, JSON.parse(typed)).catch(() => undefined), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [userId, form, typed]);

  const clear = useCallback(async () => {
    if (userId && form) await drafts.clear(userId, form).catch(() => undefined);
  }, [userId, form]);
  return { clear };
}
