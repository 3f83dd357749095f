import { lazy, Suspense, useEffect, useState } from 'react';
import { api, isUnreachable, session } from './api';
import { deviceCache } from './offline/device-store';
import { CaseStatusPage } from './pages/case-status';
import { PublicResults } from './pages/public-results';
import { SignIn } from './pages/sign-in';
import { useLocation } from './router';
import type { Me } from './session';

/** The profile of the user last signed in on this device: their own name, unit and roles, no one else's data. */
const PROFILE = 'profile';
const offlineProfile = () => deviceCache.get<Me>(PROFILE).catch(() => null);

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
        void deviceCache.put(PROFILE, m).catch(() => undefined);
      },
      async (error) => {
        // No connection: the officer last signed in on this device works on, offline (see offline/).
        setMe(isUnreachable(error) ? await offlineProfile() : null);
        setChecked(true);
      },
    );
  useEffect(() => {
    if (session.token()) void loadMe();
    else if (!navigator.onLine) void offlineProfile().then((m) => (setMe(m), setChecked(true)));
    else setChecked(true);
  }, []);

  if (url.pathname === '/public') return <PublicResults />;
  if (url.pathname === '/status') return <CaseStatusPage />;
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
