import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { signOutHere } from './api';
import { Link } from './components/link';
import { ScreenBoundary } from './components/screen-boundary';
import { SessionExpired } from './components/session-expired';
import { StatusRegion } from './components/status';
import { Audit } from './pages/audit';
import { BiweeklyReport } from './pages/biweekly-report';
import { CaseDetail } from './pages/case-detail';
import { CaseList } from './pages/case-list';
import { FollowUps } from './pages/follow-ups';
import { ToDo } from './pages/to-do';
import { Administration } from './pages/administration';
import { Registers } from './pages/registers';
import { Notifications } from './pages/notifications';
import { Plans } from './pages/plans';
import { ImportRecords } from './pages/import-records';
import { RecordReflection } from './pages/record-reflection';
import { can, MeContext, useMe, type Me } from './session';
import { ROLES } from './vocabulary';
import { OutboxBar, OutboxScreen, useOutbox } from './offline/outbox-screen';

/** 登出: what this device keeps for the user goes with it, after a warning when something was not yet sent. */
function SignOut() {
  const me = useMe();
  const { items } = useOutbox();
  const leave = () => {
    if (items.length > 0 && !window.confirm(`尚有 ${items.length} 筆暫存資料未送出；登出後將從本裝置刪除且無法送出。確定登出？`)) return;
    void signOutHere(me.userId);
  };
  return (
    <button type="button" onClick={leave}>
      登出
    </button>
  );
}

// The charting library is needed on the dashboard only: it loads when the dashboard is opened.
const Dashboard = lazy(() => import('./pages/dashboard').then((module) => ({ default: module.Dashboard })));
const Hotspots = lazy(() => import('./pages/hotspots').then((module) => ({ default: module.Hotspots })));

/** The page under the header: focus moves to its heading on each navigation, and the skip link lands here. */
function Content({ path, children }: { path: string; children: ReactNode }) {
  const content = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The page renders its heading once its data has arrived: wait for it briefly, then focus it.
    let tries = 0;
    const timer = setInterval(() => {
      const heading = content.current?.querySelector<HTMLElement>('h1');
      if (heading || ++tries > 50) {
        clearInterval(timer);
        if (heading) {
          heading.tabIndex = -1;
          heading.focus();
        }
      }
    }, 20);
    return () => clearInterval(timer);
  }, [path]);
  return (
    <div id="content" ref={content}>
      {children}
    </div>
  );
}

export default function Signed({ me, path }: { me: Me; path: string }) {
  const caseId = /^\/cases\/([0-9a-f-]{36})$/.exec(path)?.[1];
  // Announcements belong to the address they were made on (before the administrator's is rewritten below).
  const address = path;
  // The administrator belongs to no unit: it manages units and users, and reads no cases.
  if (me.roles.every((r) => r === 'admin') && path !== '/admin') path = '/admin';
  return (
    <MeContext.Provider value={me}>
      <a className="skip" href="#content">
        跳至主要內容
      </a>
      <header>
        <p className="brand">村里廉政平臺</p>
        <nav aria-label="主選單">
          {me.unitId && (can.isHead(me) || can.handle(me)) && <Link to="/to-do">待辦</Link>}
          {me.unitId && <Link to="/cases">案件</Link>}
          {can.record(me) && <Link to="/cases/new">登錄反映</Link>}
          {me.unitId && (
            <>
              <Link to="/follow-ups">追蹤管制</Link>
              <Link to="/dashboard">儀表板</Link>
              <Link to="/hotspots">熱點</Link>
              <Link to="/reports">彙報表</Link>
              <Link to="/registers">地點與宣導</Link>
              <Link to="/plans">細部計畫</Link>
              <Link to="/notifications">通知</Link>
            </>
          )}
          {can.auditActivity(me) && <Link to="/audit">稽核紀錄</Link>}
          {me.unitId && me.roles.includes('supervisor') && <Link to="/imports">匯入與匯出</Link>}
          {me.roles.some((r) => r === 'admin' || r === 'supervisor') && <Link to="/admin">系統管理</Link>}
          <Link to="/public">公開成果</Link>
        </nav>
        <p className="who">
          {me.displayName}・{me.unitName ?? '—'}・{me.roles.map((r) => ROLES[r] ?? r).join('、')}
          <SignOut />
        </p>
      </header>
      <OutboxBar />
      <StatusRegion path={address} />
      <SessionExpired />
      <Content path={path}>
      <ScreenBoundary key={path}>
      {path === '/cases/new' ? (
        <RecordReflection />
      ) : path === '/outbox' ? (
        <OutboxScreen />
      ) : caseId ? (
        <CaseDetail id={caseId} />
      ) : path === '/reports' ? (
        <BiweeklyReport />
      ) : path === '/to-do' && (can.isHead(me) || can.handle(me)) ? (
        <ToDo />
      ) : path === '/follow-ups' ? (
        <FollowUps />
      ) : path === '/dashboard' ? (
        <Suspense fallback={<main aria-busy="true">載入中…</main>}>
          <Dashboard />
        </Suspense>
      ) : path === '/hotspots' ? (
        <Suspense fallback={<main aria-busy="true">載入中…</main>}>
          <Hotspots />
        </Suspense>
      ) : path === '/notifications' ? (
        <Notifications />
      ) : path === '/registers' ? (
        <Registers />
      ) : path === '/plans' ? (
        <Plans />
      ) : path === '/imports' && me.roles.includes('supervisor') ? (
        <ImportRecords />
      ) : path === '/admin' ? (
        <Administration />
      ) : path === '/audit' && can.auditActivity(me) ? (
        <Audit />
      ) : (
        <CaseList />
      )}
      </ScreenBoundary>
      </Content>
    </MeContext.Provider>
  );
}
