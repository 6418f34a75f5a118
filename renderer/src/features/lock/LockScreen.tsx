/**
 * The lock screen. The app's pages are not rendered behind it (they are
 * unmounted, so no resident's details stay in the page). The person who was
 * signed in can carry on with their PIN; anyone else can unlock as themselves.
 */
import { useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { IpcError } from '../../../../common/ipc/result';
import { ROLE_LABELS, type LoginCandidate, type SessionInfo } from '../../../../common/ipc/types';
import { useFocusHeading, usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading } from '../../components/panels';
import { SecretForm } from '../../components/SecretForm';
import { StaffPicker } from '../../components/StaffPicker';
import { useLoad } from '../../components/useLoad';

export const LOCKED_HEADING = 'Screen locked';

type Mode = { kind: 'same' } | { kind: 'pick' } | { kind: 'other'; candidate: LoginCandidate };

export function LockScreen({
  api,
  lockedSession,
  onUnlocked,
}: {
  api: CareHomeApi;
  /** Who was signed in when the screen locked. */
  lockedSession: SessionInfo;
  onUnlocked: (session: SessionInfo) => void;
}) {
  usePageTitle(LOCKED_HEADING);
  const [mode, setMode] = useState<Mode>({ kind: 'same' });
  useFocusHeading(mode.kind === 'other' ? `other-${mode.candidate.staffId}` : mode.kind);

  async function unlock(staffId: number, secret: string): Promise<IpcError | null> {
    const result = await api.session.unlock({ staffId, secret });
    if (result.ok) {
      onUnlocked(result.value);
      return null;
    }
    return result.error;
  }

  const name = lockedSession.displayName;
  return (
    <>
      {mode.kind === 'same' ? null : (
        <button
          type="button"
          className="nhsuk-back-link app-back-link"
          onClick={() => setMode(mode.kind === 'other' ? { kind: 'pick' } : { kind: 'same' })}
        >
          {mode.kind === 'other' ? 'Not you?' : `Back to ${name}`}
        </button>
      )}
      {mode.kind === 'same' ? (
        <>
          <SecretForm
            key="same"
            fieldId="unlock-secret"
            hint={`${name}, enter your PIN or passphrase to carry on where you left off.`}
            submitLabel="Unlock"
            onSubmit={(secret) => unlock(lockedSession.staffId, secret)}
          >
            <h1>{LOCKED_HEADING}</h1>
            <p className="nhsuk-lede-text">
              {name} ({ROLE_LABELS[lockedSession.role]}) is signed in. The screen was locked to keep residents&apos;
              information private.
            </p>
          </SecretForm>
          <h2>Not {name}?</h2>
          <p>Someone else can unlock the screen as themselves. {name}&apos;s unfinished work is kept for them.</p>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => setMode({ kind: 'pick' })}
          >
            Someone else
          </button>
        </>
      ) : null}
      {mode.kind === 'pick' ? (
        <>
          <h1>{LOCKED_HEADING}</h1>
          <PickSomeoneElse api={api} onPick={(candidate) => setMode({ kind: 'other', candidate })} />
        </>
      ) : null}
      {mode.kind === 'other' ? (
        <SecretForm
          key={`other-${mode.candidate.staffId}`}
          fieldId="unlock-secret"
          hint={`Unlocking as ${mode.candidate.displayName}, ${ROLE_LABELS[mode.candidate.role]}.`}
          submitLabel="Unlock"
          onSubmit={(secret) => unlock(mode.candidate.staffId, secret)}
        >
          <h1>{LOCKED_HEADING}</h1>
        </SecretForm>
      ) : null}
    </>
  );
}

function PickSomeoneElse({ api, onPick }: { api: CareHomeApi; onPick: (candidate: LoginCandidate) => void }) {
  const [candidates, reload] = useLoad(() => api.auth.loginCandidates());
  return (
    <>
      <h2>Who are you?</h2>
      <p>Choose your name, then enter your own PIN or passphrase.</p>
      {candidates.status === 'loading' ? <Loading what="staff members" /> : null}
      {candidates.status === 'error' ? <ErrorPanel error={candidates.error} onRetry={reload} /> : null}
      {candidates.status === 'ok' ? <StaffPicker candidates={candidates.value} onPick={onPick} /> : null}
    </>
  );
}
