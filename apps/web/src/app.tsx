import { lazy, Suspense, useEffect, useState } from 'react';
import { api, session } from './api';
import { PublicResults } from './pages/public-results';
import { SignIn } from './pages/sign-in';
import { useLocation } from './router';
import type { Me } from './session';

// The first screens (sign-in, the public results) load without the screens that need a signed-in user.
const Signed = lazy(() => import('./signed'));
const ChangePassword = lazy(() => import('./pages/change-password').then((module) => ({ default: module.ChangePassword })));

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
  if (me.mustChangePassword)
    return (
      <Suspense fallback={<main aria-busy="true">載入中…</main>}>
        <ChangePassword />
      </Suspense>
    );
  return (
    <Suspense fallback={<main aria-busy="true">載入中…</main>}>
      <Signed me={me} path={url.pathname} />
    </Suspense>
  );
}
