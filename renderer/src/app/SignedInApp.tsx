/**
 * Everything a signed-in staff member sees: the header with who they are,
 * "Lock screen" and "Sign out", the menu for their role, and the page.
 * It is only rendered while the screen is unlocked; locking unmounts it all.
 */
import { useState } from 'react';
import type { CareHomeApi } from '../../../common/ipc/client';
import type { PolicyProblem, SessionInfo } from '../../../common/ipc/types';
import { DraftOwner } from '../components/drafts';
import { Frame, Header, useFocusHeading } from '../components/Frame';
import { DemoBanner, PolicyProblemsPanel } from '../components/panels';
import { HomePage } from '../features/home/HomePage';
import { hrefFor, menuFor, type RouteName } from './routes';
import { useIdleLock } from './useIdleLock';

export function SignedInApp({
  api,
  session,
  careHomeName,
  isDemo,
  policyProblems,
  route,
  onLock,
  onSignOut,
  onSessionInfo,
}: {
  api: CareHomeApi;
  session: SessionInfo;
  careHomeName: string | null;
  isDemo: boolean;
  policyProblems: readonly PolicyProblem[];
  route: RouteName;
  onLock: () => void;
  onSignOut: () => void;
  onSessionInfo: (session: SessionInfo) => void;
}) {
  useIdleLock({
    idleLockSeconds: session.idleLockSeconds,
    onIdle: onLock,
    onStillHere: () => {
      void api.session.stillHere().then((result) => {
        if (result.ok) onSessionInfo(result.value);
      });
    },
  });
  // Choosing the page you are on loads it afresh, as people expect of a menu.
  const [visit, setVisit] = useState(0);
  useFocusHeading(`${route}-${visit}`);

  const nav = menuFor(session.role).map((item) => ({
    href: hrefFor(item.name),
    label: item.label,
    current: item.name === route,
    onReselect: () => setVisit((v) => v + 1),
  }));
  const seesSettingsProblems = session.role === 'manager' || session.role === 'it_admin';

  return (
    <Frame header={<Header careHomeName={careHomeName} account={{ session, onLock, onSignOut }} nav={nav} />}>
      {isDemo ? <DemoBanner /> : null}
      {seesSettingsProblems ? <PolicyProblemsPanel problems={policyProblems} /> : null}
      <DraftOwner staffId={session.staffId}>
        <HomePage key={`${session.staffId}-${route}-${visit}`} api={api} session={session} route={route} />
      </DraftOwner>
    </Frame>
  );
}
