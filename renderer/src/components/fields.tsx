/** Form fields in the NHS design system's markup: label, hint, error message, input. */
import type { ReactNode } from 'react';

interface FieldFrameProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  /** Make the label the page's <h1> (one question per page). */
  readonly labelIsHeading?: boolean;
  readonly children: (describedBy: string | undefined) => ReactNode;
}

function FieldFrame({ id, label, hint, error, labelIsHeading, children }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const labelElement = (
    <label className={`nhsuk-label${labelIsHeading ? ' nhsuk-label--l' : ''}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      {labelIsHeading ? <h1 className="nhsuk-label-wrapper">{labelElement}</h1> : labelElement}
      {hint ? (
        <div className="nhsuk-hint" id={hintId ?? undefined}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="nhsuk-error-message" id={errorId ?? undefined}>
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {error}
        </span>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

export interface TextFieldProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'password';
  readonly autoComplete?: string;
  readonly inputMode?: 'text' | 'numeric';
  /** An NHS input width class suffix, e.g. 10 for nhsuk-input--width-10. */
  readonly width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  readonly labelIsHeading?: boolean;
  readonly autoFocus?: boolean;
  readonly spellCheck?: boolean;
  readonly disabled?: boolean;
  readonly code?: boolean;
}

export function TextField(props: TextFieldProps) {
  const { id, value, onChange, type = 'text', width, error } = props;
  const classes = ['nhsuk-input'];
  if (width) classes.push(`nhsuk-input--width-${width}`);
  if (props.code) classes.push('nhsuk-input--code');
  if (error) classes.push('nhsuk-input--error');
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error} labelIsHeading={props.labelIsHeading}>
      {(describedBy) => (
        <input
          className={classes.join(' ')}
          id={id}
          name={id}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoComplete={props.autoComplete ?? 'off'}
          inputMode={props.inputMode}
          spellCheck={props.spellCheck ?? false}
          autoCapitalize={type === 'password' ? 'none' : undefined}
          autoFocus={props.autoFocus}
          disabled={props.disabled}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
      )}
    </FieldFrame>
  );
}

export interface SelectFieldProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: readonly { value: string; label: string }[];
  /** A first, empty choice such as "Choose a role". */
  readonly placeholder?: string;
}

export function SelectField(props: SelectFieldProps) {
  const { id, value, onChange, error } = props;
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={error}>
      {(describedBy) => (
        <select
          className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
          id={id}
          name={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        >
          {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
