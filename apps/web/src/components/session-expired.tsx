import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, onSessionExpired, session } from '../api';
import { useMe } from '../session';

/**
 * The session expired while the user worked: sign-in opens over the page, for the same account only, and what was
 * being sent goes on with what was typed. Cancelled, the tab signs out.
 */
export function SessionExpired() {
  const me = useMe();
  const dialog = useRef<HTMLDialogElement>(null);
  const answer = useRef<((signedIn: boolean) => void) | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** Opened without a token at all (the app was opened offline): asked to sign in, not told it expired. */
  const [fresh, setFresh] = useState(false);

  useEffect(() => {
    onSessionExpired(
      () =>
        new Promise<boolean>((resolve) => {
          answer.current = resolve;
          setFresh(session.token() === null);
          setPassword('');
          setError(null);
          dialog.current?.showModal();
        }),
    );
    return () => onSessionExpired(null);
  }, []);

  const close = (signedIn: boolean) => {
    dialog.current?.close();
    answer.current?.(signedIn);
    answer.current = null;
    // Declined, an expired session signs out; an app opened offline stays as it was, its data waiting.
    if (!signedIn && !fresh) window.location.replace('/');
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const { accessToken } = await api<{ accessToken: string }>('/auth/token', { method: 'POST', body: { username: me.username, password } });
      session.signIn(accessToken);
      close(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '無法登入，請稍後再試');
    }
  }

  return (
    <dialog ref={dialog} aria-labelledby="session-expired-title" onCancel={(event) => (event.preventDefault(), close(false))}>
      <form onSubmit={submit} aria-label="重新登入">
        <h2 id="session-expired-title">{fresh ? '請登入以送出暫存資料' : '登入已逾時，請重新登入'}</h2>
        <p>{fresh ? '已恢復連線。登入後，暫存於本裝置的資料會依序送出。' : '您輸入的資料仍在畫面上，登入後會繼續送出。'}</p>
        <p>帳號：{me.username}</p>
        <label>
          密碼
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="buttons">
          <button type="submit">登入並繼續</button>
          <button type="button" className="secondary" onClick={() => close(false)}>
            {fresh ? '稍後再說' : '取消並登出'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
