/**
 * The NHS error summary: "There is a problem", with a link to each field that
 * needs fixing. It takes focus when it appears or when a new set of errors is
 * given, so keep `errors` in state (set on submit), not built on every render.
 */
import { useEffect, useId, useRef, type MouseEvent } from 'react';

export interface FormError {
  /** The id of the field to fix; without it the message is shown as plain text. */
  readonly fieldId?: string;
  readonly message: string;
}

function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  event.preventDefault();
  const field = document.getElementById(fieldId);
  if (!field) return;
  field.focus();
  // Bring the label into view too, not just the box.
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  (label ?? field).scrollIntoView?.({ block: 'center' });
}

export function ErrorSummary({
  errors,
  title = 'There is a problem',
}: {
  errors: readonly FormError[];
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);

  if (errors.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" ref={ref} tabIndex={-1} aria-labelledby={headingId}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id={headingId}>
          {title}
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {errors.map((error, index) => (
              <li key={`${error.fieldId ?? ''}-${index}`}>
                {error.fieldId ? (
                  <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId!)}>
                    {error.message}
                  </a>
                ) : (
                  <span className="app-error-summary__text">{error.message}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The message for one field, from a list of form errors. */
export function errorFor(errors: readonly FormError[], fieldId: string): string | undefined {
  return errors.find((error) => error.fieldId === fieldId)?.message;
}
