/** "Who are you?": staff members as large buttons, for sign-in and for unlocking as someone else. */
import { ROLE_LABELS, type LoginCandidate } from '../../../common/ipc/types';
import { activeLockUntil, formatTimeOfDay } from './format';

export function StaffPicker({
  candidates,
  onPick,
  now = new Date(),
}: {
  candidates: readonly LoginCandidate[];
  onPick: (candidate: LoginCandidate) => void;
  now?: Date;
}) {
  if (candidates.length === 0) {
    return (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>No staff members can sign in on this laptop. Ask your IT provider for help.</p>
      </div>
    );
  }
  return (
    <ul className="app-staff-picker" aria-label="Staff members">
      {candidates.map((candidate) => {
        const lockedUntil = activeLockUntil(candidate.lockedUntil, now);
        return (
          <li key={candidate.staffId} className="app-staff-picker__item">
            <button
              type="button"
              className={`app-staff-picker__button${lockedUntil ? ' app-staff-picker__button--locked' : ''}`}
              // The parts are laid out as blocks; the name reads as one phrase: "Anna Brown, Care assistant".
              aria-label={[
                candidate.displayName,
                ROLE_LABELS[candidate.role],
                lockedUntil ? `Locked until ${formatTimeOfDay(lockedUntil, now)}` : null,
              ]
                .filter(Boolean)
                .join(', ')}
              onClick={() => onPick(candidate)}
            >
              <span className="app-staff-picker__name">{candidate.displayName}</span>
              <span className="app-staff-picker__role">{ROLE_LABELS[candidate.role]}</span>
              {lockedUntil ? (
                <>
                  <strong className="nhsuk-tag nhsuk-tag--red app-staff-picker__tag">
                    Locked until {formatTimeOfDay(lockedUntil, now)}
                  </strong>
                </>
              ) : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
