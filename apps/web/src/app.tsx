import { lazy, Suspense, useEffect, useState } from 'react';
import { api, session } from './api';
import { ChangePassword } from './pages/change-password';
import { PublicResults } from './pages/public-results';
import { SignIn } from './pages/sign-in';
import { useLocation } from './router';
import type { Me } from './session';

// The first screens (sign-in, the public results) load without the screens that need a signed-in user.
const Signed = lazy(() => import('./signed'));

export function App() {
  const url = useLocation();
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const loadMe = () =>
    api<Me>('/auth/me').then(
      (m) => {
        setMe(m);
        setChecked(true);
      },
      () => {
        setMe(null);
        setChecked(true);
      },
    );
  useEffect(() => {
    if (session.token()) void loadMe();
    else setChecked(true);
  }, []);

  if (url.pathname === '/public') return <PublicResults />;
  if (!checked) return null;
  if (!me) return <SignIn onSignedIn={() => void loadMe()} />;
  if (me.mustChangePassword) return <ChangePassword />;
  return (
    <Suspense fallback={<main aria-busy="true">載入中…</main>}>
      <Signed me={me} path={url.pathname} />
    </Suspense>
  );
}
