/**
 * "Enter your PIN or passphrase": the one box and button used to sign in and to
 * unlock the screen. A wrong PIN is shown in the error summary, linked to the box.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { IpcError } from '../../../common/ipc/result';
import { Secret } from '../../../common/ipc/types';
import { ErrorSummary, errorFor, type FormError } from './ErrorSummary';
import { TextField } from './fields';

export const SECRET_LABEL = 'Enter your PIN or passphrase';

/** Answers that are about what was typed, so they point at the box. */
const FIELD_CODES = new Set(['wrong_secret', 'invalid_request']);

export function SecretForm({
  fieldId = 'secret',
  label = SECRET_LABEL,
  labelIsHeading = false,
  hint,
  submitLabel,
  onSubmit,
  children,
}: {
  fieldId?: string;
  label?: string;
  labelIsHeading?: boolean;
  hint?: ReactNode;
  submitLabel: string;
  /** Resolves to null when it worked, or to the refusal to show. */
  onSubmit: (secret: string) => Promise<IpcError | null>;
  /** Shown between the error summary and the box (e.g. who is signing in). */
  children?: ReactNode;
}) {
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (secret.length === 0) {
      setErrors([{ fieldId, message: 'Enter your PIN or passphrase' }]);
      return;
    }
    const format = Secret.safeParse(secret);
    if (!format.success) {
      setErrors([{ fieldId, message: format.error.issues[0]?.message ?? 'Enter your PIN or passphrase' }]);
      setSecret('');
      return;
    }
    setBusy(true);
    const refusal = await onSubmit(secret);
    setBusy(false);
    if (refusal) {
      setSecret('');
      setErrors([FIELD_CODES.has(refusal.code) ? { fieldId, message: refusal.message } : { message: refusal.message }]);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      {children}
      <form noValidate onSubmit={submit} className="app-secret-form">
        <TextField
          id={fieldId}
          label={label}
          labelIsHeading={labelIsHeading}
          hint={hint}
          type="password"
          autoComplete="off"
          value={secret}
          onChange={setSecret}
          error={errorFor(errors, fieldId)}
          width={20}
          autoFocus
        />
        <button type="submit" className="nhsuk-button app-button--wide" aria-disabled={busy || undefined}>
          {submitLabel}
        </button>
      </form>
    </>
  );
}
