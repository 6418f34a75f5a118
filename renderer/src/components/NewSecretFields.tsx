/**
 * Choosing a PIN or passphrase: the field and its repeat, with the rule as a
 * hint. Used wherever a PIN is set (first manager, new staff member, reset),
 * so the words and checks are the same everywhere.
 */
import { errorFor, type FormError } from './ErrorSummary';
import { TextField } from './fields';
import { NEW_SECRET_HINT } from './validation';

export function NewSecretFields(props: {
  ids: { readonly secret: string; readonly again: string };
  labels: { readonly secret: string; readonly again: string };
  secret: string;
  again: string;
  onSecret: (value: string) => void;
  onAgain: (value: string) => void;
  errors: readonly FormError[];
}) {
  const { ids, labels, errors } = props;
  return (
    <>
      <TextField
        id={ids.secret}
        label={labels.secret}
        hint={NEW_SECRET_HINT}
        type="password"
        value={props.secret}
        onChange={props.onSecret}
        error={errorFor(errors, ids.secret)}
        width={20}
      />
      <TextField
        id={ids.again}
        label={labels.again}
        type="password"
        value={props.again}
        onChange={props.onAgain}
        error={errorFor(errors, ids.again)}
        width={20}
      />
    </>
  );
}
