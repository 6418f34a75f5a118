/** Callouts, banners and panels from the NHS design system, in the app's words. */
import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { IpcError } from '../../../common/ipc/result';
import type { PolicyProblem } from '../../../common/ipc/types';
import { ErrorSummary } from './ErrorSummary';

/** An NHS "warning callout" (a yellow card with a heading). */
export function WarningCallout({
  heading,
  children,
  headingLevel = 2,
}: {
  heading: string;
  children: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="nhsuk-card nhsuk-card--warning app-callout">
      <div className="nhsuk-card__content">
        <Heading className="nhsuk-card__heading">{heading}</Heading>
        {children}
      </div>
    </div>
  );
}

/** A problem the person cannot fix by changing what they typed: store unavailable, a fault, a refusal. */
export function ErrorPanel({
  error,
  onRetry,
  retryLabel = 'Try again',
}: {
  error: IpcError;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  const errors = useMemoErrors(error);
  return (
    <>
      <ErrorSummary errors={errors} />
      {onRetry ? (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRetry}>
          {retryLabel}
        </button>
      ) : null}
    </>
  );
}

function useMemoErrors(error: IpcError) {
  // One stable list per error, so the summary takes focus once, not on every render.
  return useMemo(() => [{ message: error.message }], [error]);
}

/** A green "Success" banner that takes focus so screen readers announce it. */
export function SuccessBanner({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <div
      ref={ref}
      className="nhsuk-notification-banner nhsuk-notification-banner--success"
      role="alert"
      aria-labelledby={titleId}
      tabIndex={-1}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}

/** The blue "Important" banner. */
export function ImportantBanner({ heading, children }: { heading: string; children?: ReactNode }) {
  const titleId = useId();
  return (
    <div className="nhsuk-notification-banner" role="region" aria-labelledby={titleId}>
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          Important
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}

export function DemoBanner() {
  return (
    <ImportantBanner heading="This is a demo care home">
      <p>The residents and staff in it are made up. Do not enter real people's details.</p>
    </ImportantBanner>
  );
}

export const POLICY_PROBLEMS_HEADING = 'Settings file problem';

/** Shown on the sign-in screen, and to managers and IT administrators after sign-in. */
export function PolicyProblemsPanel({ problems }: { problems: readonly PolicyProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <WarningCallout heading={POLICY_PROBLEMS_HEADING}>
      <p>
        The care home&apos;s settings file has problems, so safe default settings are being used. Tell your IT provider.
      </p>
      <ul className="app-policy-problems">
        {problems.map((problem, index) => (
          <li key={`${problem.path}-${index}`}>
            {problem.path ? (
              <>
                <code className="app-code">{problem.path}</code>: {problem.message}
              </>
            ) : (
              problem.message
            )}
          </li>
        ))}
      </ul>
    </WarningCallout>
  );
}

/** A polite, visible "Loading…" line that screen readers announce. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="app-loading" role="status">
      Loading {what}…
    </p>
  );
}
