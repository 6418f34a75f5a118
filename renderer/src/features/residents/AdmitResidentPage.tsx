/**
 * Admitting a resident, or adding a prospective resident the home is still
 * assessing: NHS number (checked with its check digit here and in main), name,
 * date of birth, room, GP practice and an optional photo.
 */
import { useState, type FormEvent } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import { NewResident, PHOTO_MAX_BYTES, type ResidentPhoto } from '../../../../common/residents/resident';
import { ErrorSummary, errorFor, type FormError } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { usePageTitle } from '../../components/Frame';
import { residentsHref } from './residents-path';

const F = {
  when: 'resident-when',
  nhsNumber: 'resident-nhs-number',
  givenName: 'resident-given-name',
  familyName: 'resident-family-name',
  day: 'resident-dob-day',
  month: 'resident-dob-month',
  year: 'resident-dob-year',
  room: 'resident-room',
  gp: 'resident-gp-ods',
  photo: 'resident-photo',
};
const FIELD_OF: Record<string, string> = {
  nhsNumber: F.nhsNumber,
  givenName: F.givenName,
  familyName: F.familyName,
  dateOfBirth: F.day,
  room: F.room,
  gpOdsCode: F.gp,
  photo: F.photo,
};
const WHEN_EMPTY: Record<string, string> = {
  nhsNumber: 'Enter their NHS number',
  givenName: 'Enter their first name',
  familyName: 'Enter their last name',
  dateOfBirth: 'Enter their date of birth',
  gpOdsCode: "Enter their GP practice's ODS code",
};

export const ADMIT_HEADING = 'Admit a resident';

async function readPhoto(file: File): Promise<ResidentPhoto | FormError> {
  if (file.type !== 'image/jpeg' && file.type !== 'image/png')
    return { fieldId: F.photo, message: 'Choose a JPEG or PNG photo' };
  if (file.size > PHOTO_MAX_BYTES)
    return { fieldId: F.photo, message: `The photo must be ${PHOTO_MAX_BYTES / 1024} KB or smaller` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { contentType: file.type, base64: btoa(binary) };
}

export function AdmitResidentPage({ api }: { api: CareHomeApi }) {
  usePageTitle(ADMIT_HEADING);
  const [when, setWhen] = useState<'now' | 'prospective' | ''>('');
  const [values, setValues] = useState({
    nhsNumber: '',
    givenName: '',
    familyName: '',
    day: '',
    month: '',
    year: '',
    room: '',
    gpOdsCode: '',
  });
  const [photo, setPhoto] = useState<File | null>(null);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [saving, setSaving] = useState(false);
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FormError[] = [];
    if (when === '') found.push({ fieldId: `${F.when}-now`, message: 'Say whether they are moving in now' });
    const dateOfBirth =
      values.day && values.month && values.year
        ? `${values.year.padStart(4, '0')}-${values.month.padStart(2, '0')}-${values.day.padStart(2, '0')}`
        : '';
    let photoValue: ResidentPhoto | undefined;
    if (photo) {
      const read = await readPhoto(photo);
      if ('message' in read) found.push(read);
      else photoValue = read;
    }
    const request = {
      nhsNumber: values.nhsNumber,
      givenName: values.givenName,
      familyName: values.familyName,
      dateOfBirth,
      room: values.room,
      gpOdsCode: values.gpOdsCode,
      ...(photoValue ? { photo: photoValue } : {}),
    };
    const parsed = NewResident.safeParse(request);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (seen.has(field)) continue;
        seen.add(field);
        const empty = (request as Record<string, unknown>)[field] === '';
        found.push({
          fieldId: FIELD_OF[field] ?? F.nhsNumber,
          message: empty && WHEN_EMPTY[field] ? WHEN_EMPTY[field] : issue.message,
        });
      }
    }
    if (found.length > 0) {
      setErrors(found);
      return;
    }
    setSaving(true);
    const result = when === 'now' ? await api.residents.admit(request) : await api.residents.addProspective(request);
    setSaving(false);
    if (!result.ok) {
      setErrors([{ message: result.error.message }]);
      return;
    }
    window.location.hash = residentsHref({ page: 'summary', residentId: result.value.residentId, section: null });
  }

  const dobError = errorFor(errors, F.day);
  const whenError = errorFor(errors, `${F.when}-now`);
  const photoError = errorFor(errors, F.photo);
  return (
    <>
      <a className="nhsuk-back-link" href={residentsHref({ page: 'list' })}>
        Back to residents
      </a>
      <ErrorSummary errors={errors} />
      <h1>{ADMIT_HEADING}</h1>
      <form onSubmit={submit} noValidate>
        <div className={`nhsuk-form-group${whenError ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={whenError ? `${F.when}-error` : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Are they moving in now?</legend>
            {whenError ? (
              <span className="nhsuk-error-message" id={`${F.when}-error`}>
                <span className="nhsuk-u-visually-hidden">Error: </span>
                {whenError}
              </span>
            ) : null}
            <div className="nhsuk-radios">
              <div className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={`${F.when}-now`}
                  name={F.when}
                  type="radio"
                  checked={when === 'now'}
                  onChange={() => setWhen('now')}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${F.when}-now`}>
                  Yes, they are moving in now
                </label>
              </div>
              <div className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={`${F.when}-prospective`}
                  name={F.when}
                  type="radio"
                  checked={when === 'prospective'}
                  onChange={() => setWhen('prospective')}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${F.when}-prospective`}>
                  No, we are assessing them before they move in (prospective resident)
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <TextField
          id={F.nhsNumber}
          label="NHS number"
          hint="10 numbers, for example 943 476 5919. It is on letters from their GP or hospital."
          value={values.nhsNumber}
          onChange={set('nhsNumber')}
          inputMode="numeric"
          width={10}
          error={errorFor(errors, F.nhsNumber)}
        />
        <TextField
          id={F.givenName}
          label="First name"
          value={values.givenName}
          onChange={set('givenName')}
          width={20}
          error={errorFor(errors, F.givenName)}
        />
        <TextField
          id={F.familyName}
          label="Last name"
          value={values.familyName}
          onChange={set('familyName')}
          width={20}
          error={errorFor(errors, F.familyName)}
        />
        <div className={`nhsuk-form-group${dobError ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset
            className="nhsuk-fieldset"
            role="group"
            aria-describedby={`resident-dob-hint${dobError ? ' resident-dob-error' : ''}`}
          >
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Date of birth</legend>
            <div className="nhsuk-hint" id="resident-dob-hint">
              For example, 14 3 1936
            </div>
            {dobError ? (
              <span className="nhsuk-error-message" id="resident-dob-error">
                <span className="nhsuk-u-visually-hidden">Error: </span>
                {dobError}
              </span>
            ) : null}
            <div className="nhsuk-date-input">
              {(
                [
                  [F.day, 'Day', 'day', 2],
                  [F.month, 'Month', 'month', 2],
                  [F.year, 'Year', 'year', 4],
                ] as const
              ).map(([id, label, field, width]) => (
                <div className="nhsuk-date-input__item" key={id}>
                  <div className="nhsuk-form-group">
                    <label className="nhsuk-label nhsuk-date-input__label" htmlFor={id}>
                      {label}
                    </label>
                    <input
                      className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${dobError ? ' nhsuk-input--error' : ''}`}
                      id={id}
                      name={id}
                      type="text"
                      inputMode="numeric"
                      value={values[field]}
                      onChange={(e) => set(field)(e.target.value)}
                    />
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <TextField
          id={F.room}
          label="Room"
          hint={when === 'prospective' ? 'Leave blank if no room has been chosen yet.' : undefined}
          value={values.room}
          onChange={set('room')}
          width={10}
          error={errorFor(errors, F.room)}
        />
        <TextField
          id={F.gp}
          label="GP practice ODS code"
          hint="The code of the practice they are registered with, for example Y90001. Ask the practice if you do not know it."
          value={values.gpOdsCode}
          onChange={set('gpOdsCode')}
          width={10}
          code
          error={errorFor(errors, F.gp)}
        />
        <div className={`nhsuk-form-group${photoError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor={F.photo}>
            Photo (optional)
          </label>
          <div className="nhsuk-hint" id={`${F.photo}-hint`}>
            A JPEG or PNG of {PHOTO_MAX_BYTES / 1024} KB or smaller, so staff can recognise them. Ask their permission
            first.
          </div>
          {photoError ? (
            <span className="nhsuk-error-message" id={`${F.photo}-error`}>
              <span className="nhsuk-u-visually-hidden">Error: </span>
              {photoError}
            </span>
          ) : null}
          <input
            className="app-file-input"
            id={F.photo}
            name={F.photo}
            type="file"
            accept="image/jpeg,image/png"
            aria-describedby={`${F.photo}-hint${photoError ? ` ${F.photo}-error` : ''}`}
            onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="nhsuk-button" disabled={saving}>
          {when === 'prospective' ? 'Add prospective resident' : 'Admit resident'}
        </button>
      </form>
    </>
  );
}
