/**
 * Sign in: "Who are you?" (staff as large buttons), then the PIN or passphrase.
 * A locked account shows as locked in the list until its time runs out.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { IpcError } from '../../../../common/ipc/result';
import { ROLE_LABELS, type LoginCandidate, type PolicyProblem, type SessionInfo } from '../../../../common/ipc/types';
import { activeLockUntil, formatTimeOfDay } from '../../components/format';
import { useFocusHeading, usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading, PolicyProblemsPanel, WarningCallout } from '../../components/panels';
import { SecretForm } from '../../components/SecretForm';
import { StaffPicker } from '../../components/StaffPicker';
import { useLoad, type Loaded } from '../../components/useLoad';

export const WHO_ARE_YOU_HEADING = 'Who are you?';

export function LoginPage({
  api,
  careHomeName,
  policyProblems,
  notice,
  onSignedIn,
}: {
  api: CareHomeApi;
  careHomeName: string | null;
  policyProblems: readonly PolicyProblem[];
  /** Why the person is here, e.g. "You have been signed out". */
  notice?: string | null;
  onSignedIn: (session: SessionInfo) => void;
}) {
  const [candidates, reload] = useLoad(() => api.auth.loginCandidates());
  const [chosen, setChosen] = useState<LoginCandidate | null>(null);

  // Show the chosen person as the list now knows them (e.g. just locked out).
  const current =
    chosen && candidates.status === 'ok'
      ? (candidates.value.find((c) => c.staffId === chosen.staffId) ?? chosen)
      : chosen;

  const back = useCallback(() => {
    setChosen(null);
    reload();
  }, [reload]);

  if (current) {
    return <SecretStep api={api} candidate={current} onBack={back} onSignedIn={onSignedIn} onRefused={reload} />;
  }
  return (
    <PickStep
      careHomeName={careHomeName}
      policyProblems={policyProblems}
      notice={notice ?? null}
      candidates={candidates}
      onRetry={reload}
      onPick={setChosen}
    />
  );
}

function PickStep({
  careHomeName,
  policyProblems,
  notice,
  candidates,
  onRetry,
  onPick,
}: {
  careHomeName: string | null;
  policyProblems: readonly PolicyProblem[];
  notice: string | null;
  candidates: Loaded<LoginCandidate[]>;
  onRetry: () => void;
  onPick: (candidate: LoginCandidate) => void;
}) {
  usePageTitle('Sign in');
  useFocusHeading('pick');
  return (
    <>
      <PolicyProblemsPanel problems={policyProblems} />
      {notice ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{notice}</p>
        </div>
      ) : null}
      <h1>
        {careHomeName ? (
          <span className="nhsuk-caption-l">
            {careHomeName}
            <span className="nhsuk-u-visually-hidden"> – </span>
          </span>
        ) : null}
        {WHO_ARE_YOU_HEADING}
      </h1>
      <p>Choose your name to sign in.</p>
      {candidates.status === 'loading' ? <Loading what="staff members" /> : null}
      {candidates.status === 'error' ? <ErrorPanel error={candidates.error} onRetry={onRetry} /> : null}
      {candidates.status === 'ok' ? <StaffPicker candidates={candidates.value} onPick={onPick} /> : null}
    </>
  );
}

function SecretStep({
  api,
  candidate,
  onBack,
  onSignedIn,
  onRefused,
}: {
  api: CareHomeApi;
  candidate: LoginCandidate;
  onBack: () => void;
  onSignedIn: (session: SessionInfo) => void;
  onRefused: () => void;
}) {
  usePageTitle('Enter your PIN');
  useFocusHeading(`secret-${candidate.staffId}`);
  const lockedUntil = activeLockUntil(candidate.lockedUntil);
  const [lockMessage, setLockMessage] = useState<string | null>(null);

  // Keep the lock display honest: when the lock runs out, offer the PIN box again.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!lockedUntil) return;
    const wait = new Date(lockedUntil).getTime() - Date.now() + 500;
    const timer = window.setTimeout(() => setTick((t) => t + 1), Math.max(wait, 500));
    return () => window.clearTimeout(timer);
  }, [lockedUntil]);

  async function signIn(secret: string): Promise<IpcError | null> {
    const result = await api.auth.login({ staffId: candidate.staffId, secret });
    if (result.ok) {
      onSignedIn(result.value);
      return null;
    }
    if (result.error.code === 'account_locked') setLockMessage(result.error.message);
    if (result.error.code === 'account_locked' || result.error.code === 'account_disabled') onRefused();
    return result.error;
  }

  const who = `${candidate.displayName}, ${ROLE_LABELS[candidate.role]}`;
  return (
    <>
      <button type="button" className="nhsuk-back-link app-back-link" onClick={onBack}>
        Not you?
      </button>
      {lockedUntil ? (
        <>
          <h1>
            <span className="nhsuk-caption-l">
              {who}
              <span className="nhsuk-u-visually-hidden"> – </span>
            </span>
            This account is locked
          </h1>
          <WarningCallout heading={`Locked until ${formatTimeOfDay(lockedUntil)}`}>
            {lockMessage ? (
              <p>{lockMessage}</p>
            ) : (
              <p>
                Too many wrong PINs or passphrases were entered. You can try again after {formatTimeOfDay(lockedUntil)},
                or ask a home manager to unlock the account now.
              </p>
            )}
          </WarningCallout>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onBack}>
            Choose someone else
          </button>
        </>
      ) : (
        <SecretForm labelIsHeading hint={`Signing in as ${who}.`} submitLabel="Sign in" onSubmit={signIn} />
      )}
    </>
  );
}
