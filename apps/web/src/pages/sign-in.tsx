import { useState, type FormEvent } from 'react';
import { api, ApiError, session } from '../api';
import { Field } from '../components/field';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const { accessToken } = await api<{ accessToken: string }>('/auth/token', { method: 'POST', body: { username, password } });
      session.signIn(accessToken);
      onSignedIn();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '無法登入，請稍後再試');
    }
  }

  return (
    <main className="narrow">
      <h1>村里廉政平臺</h1>
      <form onSubmit={submit} aria-label="登入">
        <Field id="username" label="帳號">
          <input id="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </Field>
        <Field id="password" label="密碼">
          <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit">登入</button>
      </form>
      <p>
        <a href="/public">查看公開辦理成果</a>
      </p>
    </main>
  );
}
