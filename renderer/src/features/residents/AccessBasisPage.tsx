/**
 * Recording the basis for reading a resident's GP record: their consent, or a
 * best-interest decision. Nurses and managers only (main checks the role).
 */
import { useState, type FormEvent } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import {
  ACCESS_BASIS_LABELS,
  AccessBasisKind,
  NewAccessBasis,
  type AccessBasisKind as Kind,
} from '../../../../common/residents/resident';
import { ErrorSummary, errorFor, type FormError } from '../../components/ErrorSummary';
import { formatDateTime } from '../../components/format';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading } from '../../components/panels';
import { useLoad } from '../../components/useLoad';
import { residentsHref } from './residents-path';

const BASIS = 'access-basis';
const NOTE = 'access-basis-note';

export const ACCESS_BASIS_HEADING = 'Record the basis for reading the GP record';

export function AccessBasisPage({ api, residentId }: { api: CareHomeApi; residentId: number }) {
  usePageTitle(ACCESS_BASIS_HEADING);
  const [resident, reload] = useLoad(() => api.residents.get({ residentId }));
  const [basis, setBasis] = useState<Kind | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const back = residentsHref({ page: 'summary', residentId, section: null });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FormError[] = [];
    if (basis === '') found.push({ fieldId: `${BASIS}-consent`, message: 'Choose the basis for access' });
    const parsed = NewAccessBasis.shape.note.safeParse(note);
    if (!parsed.success) found.push({ fieldId: NOTE, message: parsed.error.issues[0]?.message ?? 'Add a note' });
    if (found.length > 0 || basis === '') {
      setErrors(found);
      return;
    }
    const result = await api.residents.recordAccessBasis({ residentId, basis, note });
    if (!result.ok) setErrors([{ message: result.error.message }]);
    else window.location.hash = back;
  }

  const basisError = errorFor(errors, `${BASIS}-consent`);
  const noteError = errorFor(errors, NOTE);
  const name = resident.status === 'ok' ? resident.value.displayName : 'this resident';
  return (
    <>
      <a className="nhsuk-back-link" href={back}>
        Back to {name}
      </a>
      <ErrorSummary errors={errors} />
      <h1>{ACCESS_BASIS_HEADING}</h1>
      {resident.status === 'loading' ? <Loading what="the resident" /> : null}
      {resident.status === 'error' ? <ErrorPanel error={resident.error} onRetry={reload} /> : null}
      {resident.status === 'ok' ? (
        <>
          <p>
            Before the care home reads {name}&apos;s GP record, record why it may: {name} agreed, or, if they cannot
            decide, a best-interest decision was made (Mental Capacity Act 2005). Your name and the time are kept with
            it.
          </p>
          {resident.value.accessBasis ? (
            <p>
              Recorded before: {ACCESS_BASIS_LABELS[resident.value.accessBasis.basis]}, by{' '}
              {resident.value.accessBasis.recordedBy.displayName} at{' '}
              {formatDateTime(resident.value.accessBasis.recordedAt)}.
            </p>
          ) : null}
          <form onSubmit={submit} noValidate>
            <div className={`nhsuk-form-group${basisError ? ' nhsuk-form-group--error' : ''}`}>
              <fieldset className="nhsuk-fieldset" aria-describedby={basisError ? `${BASIS}-error` : undefined}>
                <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What is the basis?</legend>
                {basisError ? (
                  <span className="nhsuk-error-message" id={`${BASIS}-error`}>
                    <span className="nhsuk-u-visually-hidden">Error: </span>
                    {basisError}
                  </span>
                ) : null}
                <div className="nhsuk-radios">
                  {AccessBasisKind.options.map((kind) => (
                    <div className="nhsuk-radios__item" key={kind}>
                      <input
                        className="nhsuk-radios__input"
                        id={`${BASIS}-${kind}`}
                        name={BASIS}
                        type="radio"
                        checked={basis === kind}
                        onChange={() => setBasis(kind)}
                      />
                      <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${BASIS}-${kind}`}>
                        {ACCESS_BASIS_LABELS[kind]}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <div className={`nhsuk-form-group${noteError ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor={NOTE}>
                Note
              </label>
              <div className="nhsuk-hint" id={`${NOTE}-hint`}>
                Who gave consent and how, or for a best-interest decision: why, and who was consulted.
              </div>
              {noteError ? (
                <span className="nhsuk-error-message" id={`${NOTE}-error`}>
                  <span className="nhsuk-u-visually-hidden">Error: </span>
                  {noteError}
                </span>
              ) : null}
              <textarea
                className={`nhsuk-textarea${noteError ? ' nhsuk-textarea--error' : ''}`}
                id={NOTE}
                name={NOTE}
                rows={4}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                aria-describedby={`${NOTE}-hint${noteError ? ` ${NOTE}-error` : ''}`}
              />
            </div>
            <button type="submit" className="nhsuk-button">
              Record the basis for access
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}
