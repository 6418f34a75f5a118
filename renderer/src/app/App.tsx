/**
 * The app shell: asks main what state the app is in, and shows the screen for
 * it (an administrator's error, first-run setup, sign-in, the signed-in app,
 * or the lock screen). Drafts and the current page live here, above the lock
 * gate, so that locking (which unmounts every page) loses neither.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CareHomeApi } from '../../../common/ipc/client';
import type { IpcError } from '../../../common/ipc/result';
import type { AppStatus, DemoHomeCreated, SessionInfo } from '../../../common/ipc/types';
import { bridgePresent, careHome } from '../bridge';
import { DraftStore, DraftStoreProvider } from '../components/drafts';
import { Frame, Header, useFocusHeading, usePageTitle } from '../components/Frame';
import { DemoBanner, ErrorPanel } from '../components/panels';
import { LockScreen } from '../features/lock/LockScreen';
import { LoginPage } from '../features/login/LoginPage';
import { DemoCreatedPage } from '../features/setup/DemoCreatedPage';
import { SetupPage } from '../features/setup/SetupPage';
import { StoreErrorPage } from '../features/store-error/StoreErrorPage';
import { guardApi } from './api';
import { HOME_ROUTE, hrefFor, routeFromHash, type RouteName } from './routes';
import { SignedInApp } from './SignedInApp';

type ReadyStatus = Extract<AppStatus, { state: 'ready' }>;

type Screen =
  | { kind: 'starting' }
  | { kind: 'no_bridge' }
  | { kind: 'status_failed'; error: IpcError }
  | { kind: 'store_error'; status: Extract<AppStatus, { state: 'store_error' }> }
  | { kind: 'setup'; status: Extract<AppStatus, { state: 'needs_setup' }> }
  | { kind: 'demo_created'; demo: DemoHomeCreated }
  | { kind: 'sign_in'; status: ReadyStatus; notice: string | null }
  | { kind: 'signed_in'; status: ReadyStatus; session: SessionInfo }
  | { kind: 'locked'; status: ReadyStatus; session: SessionInfo };

const SIGNED_OUT_NOTICE = 'You have been signed out.';

function sameSession(a: SessionInfo, b: SessionInfo): boolean {
  return (
    a.staffId === b.staffId &&
    a.displayName === b.displayName &&
    a.role === b.role &&
    a.locked === b.locked &&
    a.idleLockSeconds === b.idleLockSeconds
  );
}

export function App() {
  const [screen, setScreen] = useState<Screen>(() => (bridgePresent() ? { kind: 'starting' } : { kind: 'no_bridge' }));
  const [drafts] = useState(() => new DraftStore());
  const [route, setRoute] = useState<RouteName>(() => routeFromHash(window.location.hash));

  useEffect(() => {
    const onHashChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const navigate = useCallback((to: RouteName) => {
    if (window.location.hash !== hrefFor(to)) window.location.hash = hrefFor(to);
    setRoute(to);
  }, []);

  // Answers that concern the whole app, whichever page's call got them.
  const api = useMemo(
    () =>
      guardApi(careHome, {
        onSessionLocked: () =>
          setScreen((s) => (s.kind === 'signed_in' ? { kind: 'locked', status: s.status, session: s.session } : s)),
        onNotSignedIn: (error) =>
          setScreen((s) =>
            s.kind === 'signed_in' || s.kind === 'locked'
              ? { kind: 'sign_in', status: s.status, notice: `${SIGNED_OUT_NOTICE} ${error.message}` }
              : s,
          ),
      }),
    [],
  );

  const start = useCallback(
    (after?: SessionInfo) => {
      void screenFor(api, after).then(setScreen);
    },
    [api],
  );

  useEffect(() => {
    if (!bridgePresent()) return;
    let current = true;
    void screenFor(api).then((next) => {
      if (current) setScreen(next);
    });
    return () => {
      current = false;
    };
  }, [api]);

  useFocusHeading(screen.kind);

  const signedIn = useCallback(
    (session: SessionInfo) => {
      setScreen((s) => (s.kind === 'sign_in' ? { kind: 'signed_in', status: s.status, session } : s));
      navigate(HOME_ROUTE);
    },
    [navigate],
  );

  const lock = useCallback(() => {
    // Hide everything first; then tell main (which also locks on its own after the idle limit).
    setScreen((s) => (s.kind === 'signed_in' ? { kind: 'locked', status: s.status, session: s.session } : s));
    void api.session.lock();
  }, [api]);

  const signOut = useCallback(() => {
    if (screen.kind !== 'signed_in' && screen.kind !== 'locked') return;
    drafts.deleteOwner(screen.session.staffId);
    setScreen({ kind: 'sign_in', status: screen.status, notice: null });
    navigate(HOME_ROUTE);
    void api.auth.logout();
  }, [api, drafts, navigate, screen]);

  const unlocked = useCallback(
    (session: SessionInfo) => {
      if (screen.kind !== 'locked') return;
      // Someone else: start them on the home page, not on the page the last person had open.
      if (session.staffId !== screen.session.staffId) navigate(HOME_ROUTE);
      setScreen({ kind: 'signed_in', status: screen.status, session });
    },
    [navigate, screen],
  );

  const sessionInfo = useCallback((session: SessionInfo) => {
    setScreen((s) =>
      s.kind === 'signed_in' && s.session.staffId === session.staffId && !sameSession(s.session, session)
        ? { ...s, session }
        : s,
    );
  }, []);

  return <DraftStoreProvider store={drafts}>{renderScreen()}</DraftStoreProvider>;

  function renderScreen() {
    switch (screen.kind) {
      case 'starting':
        return (
          <Frame header={<Header />}>
            <Starting />
          </Frame>
        );
      case 'no_bridge':
        return (
          <Frame header={<Header />}>
            <NoBridge />
          </Frame>
        );
      case 'status_failed':
        return (
          <Frame header={<Header />}>
            <StatusFailed error={screen.error} onRetry={() => start()} />
          </Frame>
        );
      case 'store_error':
        return (
          <Frame header={<Header />}>
            <StoreErrorPage status={screen.status} />
          </Frame>
        );
      case 'setup':
        return (
          <Frame header={<Header />}>
            <SetupPage
              api={api}
              policyProblems={screen.status.policyProblems}
              onCreated={(session) => {
                navigate(HOME_ROUTE);
                start(session);
              }}
              onDemoCreated={(demo) => setScreen({ kind: 'demo_created', demo })}
            />
          </Frame>
        );
      case 'demo_created':
        return (
          <Frame header={<Header careHomeName={screen.demo.careHomeName} />}>
            <DemoBanner />
            <DemoCreatedPage demo={screen.demo} onContinue={() => start()} />
          </Frame>
        );
      case 'sign_in':
        return (
          <Frame header={<Header careHomeName={screen.status.careHomeName} />}>
            {screen.status.isDemo ? <DemoBanner /> : null}
            <LoginPage
              api={api}
              careHomeName={screen.status.careHomeName}
              policyProblems={screen.status.policyProblems}
              notice={screen.notice}
              onSignedIn={signedIn}
            />
          </Frame>
        );
      case 'signed_in':
        return (
          <SignedInApp
            api={api}
            session={screen.session}
            careHomeName={screen.status.careHomeName}
            isDemo={screen.status.isDemo}
            policyProblems={screen.status.policyProblems}
            route={route}
            onLock={lock}
            onSignOut={signOut}
            onSessionInfo={sessionInfo}
          />
        );
      case 'locked':
        return (
          <Frame header={<Header careHomeName={screen.status.careHomeName} />}>
            <LockScreen api={api} lockedSession={screen.session} onUnlocked={unlocked} />
          </Frame>
        );
    }
  }
}

/** The screen for the app's state as main reports it. */
async function screenFor(api: CareHomeApi, after?: SessionInfo): Promise<Screen> {
  const status = await api.app.status();
  if (!status.ok) return { kind: 'status_failed', error: status.error };
  const value = status.value;
  if (value.state === 'store_error') return { kind: 'store_error', status: value };
  if (value.state === 'needs_setup') return { kind: 'setup', status: value };
  let session: SessionInfo | null = after ?? null;
  if (!session) {
    const current = await api.session.current();
    session = current.ok ? current.value : null;
  }
  if (!session) return { kind: 'sign_in', status: value, notice: null };
  if (session.locked) return { kind: 'locked', status: value, session };
  return { kind: 'signed_in', status: value, session };
}

function Starting() {
  usePageTitle('Starting');
  return (
    <>
      <h1>Care Home Desktop</h1>
      <p role="status" className="app-loading">
        Starting Care Home Desktop…
      </p>
    </>
  );
}

function NoBridge() {
  usePageTitle('Cannot start');
  return (
    <>
      <h1>Care Home Desktop cannot start</h1>
      <p>
        This screen cannot reach the rest of the app. Close Care Home Desktop and open it again. If this keeps
        happening, tell your IT provider.
      </p>
    </>
  );
}

function StatusFailed({ error, onRetry }: { error: IpcError; onRetry: () => void }) {
  usePageTitle('There is a problem');
  return (
    <>
      <h1>Care Home Desktop cannot start</h1>
      <ErrorPanel error={error} onRetry={onRetry} />
    </>
  );
}
