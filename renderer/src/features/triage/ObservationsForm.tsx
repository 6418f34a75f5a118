/**
 * A full set of observations. Each box is checked as it is typed (whole
 * numbers; temperature to one decimal; impossible values named at once);
 * unusual values are asked about before anything is sent ("Is this right?"),
 * and main checks everything again.
 */
import { useState, type FormEvent } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { RecordedObservations } from '../../../../common/ipc/channels/triage';
import { CONSCIOUSNESS_LABELS, CONSCIOUSNESS_LEVELS, type Consciousness } from '../../../../common/triage/news2';
import {
  FIELD_RULES,
  impossibleReason,
  isUnusual,
  MEASURED_FIELDS,
  unusualMessage,
  type MeasuredField,
} from '../../../../common/triage/observations';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';

const fieldId = (field: MeasuredField) => `obs-${field}`;

const HINTS: Record<MeasuredField, string> = {
  respirationRate: 'Count breaths for a full minute.',
  spo2: 'From the pulse oximeter, as a whole number.',
  systolicBp: 'The top number.',
  pulse: 'Beats a minute.',
  temperature: 'In °C, to one decimal place, for example 37.2.',
};

function parse(field: MeasuredField, text: string): { value: number | null; error: string | null } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null, error: `Enter the ${FIELD_RULES[field].label.toLowerCase()}` };
  if (!/^\d+(\.\d+)?$/.test(trimmed)) {
    return { value: null, error: `Enter the ${FIELD_RULES[field].label.toLowerCase()} as a number` };
  }
  const value = Number(trimmed);
  return { value, error: impossibleReason(field, value) };
}

export function ObservationsForm({
  api,
  residentId,
  spo2Scale,
  onRecorded,
}: {
  api: CareHomeApi;
  residentId: number;
  spo2Scale: 1 | 2;
  onRecorded: (recorded: RecordedObservations) => void;
}) {
  const [text, setText] = useState<Record<MeasuredField, string>>({
    respirationRate: '',
    spo2: '',
    systolicBp: '',
    pulse: '',
    temperature: '',
  });
  const [touched, setTouched] = useState<Partial<Record<MeasuredField, boolean>>>({});
  const [onOxygen, setOnOxygen] = useState<boolean | null>(null);
  const [consciousness, setConsciousness] = useState<Consciousness | null>(null);
  const [confirmed, setConfirmed] = useState<MeasuredField[]>([]);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [sending, setSending] = useState(false);

  const parsed = Object.fromEntries(MEASURED_FIELDS.map((f) => [f, parse(f, text[f])])) as Record<
    MeasuredField,
    ReturnType<typeof parse>
  >;
  const unusual = MEASURED_FIELDS.filter(
    (f) => parsed[f].value !== null && !parsed[f].error && isUnusual(f, parsed[f].value!),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(Object.fromEntries(MEASURED_FIELDS.map((f) => [f, true])));
    const found: FormError[] = MEASURED_FIELDS.flatMap((f) =>
      parsed[f].error ? [{ fieldId: fieldId(f), message: parsed[f].error! }] : [],
    );
    if (onOxygen === null) found.push({ fieldId: 'obs-air', message: 'Say whether the resident is on air or oxygen' });
    if (consciousness === null)
      found.push({ fieldId: 'obs-acvpu-alert', message: 'Choose the resident’s consciousness' });
    for (const f of unusual) {
      if (!confirmed.includes(f)) found.push({ fieldId: `confirm-${f}`, message: unusualMessage(f, parsed[f].value!) });
    }
    setErrors(found);
    if (found.length > 0 || onOxygen === null || consciousness === null) return;
    setSending(true);
    const values = {
      respirationRate: parsed.respirationRate.value!,
      spo2: parsed.spo2.value!,
      onOxygen,
      systolicBp: parsed.systolicBp.value!,
      pulse: parsed.pulse.value!,
      consciousness,
      temperature: parsed.temperature.value!,
    };
    const result = await api.triage.recordObservations({
      residentId,
      values,
      confirmedUnusual: confirmed.filter((f) => unusual.includes(f)),
    });
    setSending(false);
    if (!result.ok) {
      setErrors([{ message: result.error.message }]);
      return;
    }
    onRecorded(result.value);
  }

  return (
    <form onSubmit={submit} noValidate className="app-observations-form">
      <ErrorSummary errors={errors} />
      <h2>Take observations</h2>
      <p>
        Oxygen saturation is scored on <strong>Scale {spo2Scale}</strong>
        {spo2Scale === 2 ? ', as the resident’s clinician decided.' : '.'}
      </p>
      {MEASURED_FIELDS.map((field) => (
        <div key={field}>
          <TextField
            id={fieldId(field)}
            label={`${FIELD_RULES[field].label} (${FIELD_RULES[field].unit})`}
            hint={HINTS[field]}
            value={text[field]}
            inputMode={field === 'temperature' ? 'text' : 'numeric'}
            width={4}
            error={touched[field] ? (parsed[field].error ?? undefined) : undefined}
            onChange={(value) => {
              setText({ ...text, [field]: value });
              setTouched({ ...touched, [field]: value.trim() !== '' });
              setConfirmed(confirmed.filter((f) => f !== field));
            }}
          />
          {unusual.includes(field) ? (
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id={`confirm-${field}`}
                type="checkbox"
                checked={confirmed.includes(field)}
                onChange={(event) =>
                  setConfirmed(event.target.checked ? [...confirmed, field] : confirmed.filter((f) => f !== field))
                }
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`confirm-${field}`}>
                {unusualMessage(field, parsed[field].value!)} I have checked it and it is right.
              </label>
            </div>
          ) : null}
        </div>
      ))}
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Is the resident on air or oxygen?</legend>
        <div className="nhsuk-radios nhsuk-radios--inline">
          {(
            [
              ['obs-air', false, 'Air'],
              ['obs-oxygen', true, 'Oxygen'],
            ] as const
          ).map(([id, value, label]) => (
            <div className="nhsuk-radios__item" key={id}>
              <input
                className="nhsuk-radios__input"
                id={id}
                name="obs-air-or-oxygen"
                type="radio"
                checked={onOxygen === value}
                onChange={() => setOnOxygen(value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={id}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Consciousness (ACVPU)</legend>
        <div className="nhsuk-hint">New confusion counts: it scores the same as responding only to voice.</div>
        <div className="nhsuk-radios">
          {CONSCIOUSNESS_LEVELS.map((level) => (
            <div className="nhsuk-radios__item" key={level}>
              <input
                className="nhsuk-radios__input"
                id={`obs-acvpu-${level}`}
                name="obs-acvpu"
                type="radio"
                checked={consciousness === level}
                onChange={() => setConsciousness(level)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`obs-acvpu-${level}`}>
                {CONSCIOUSNESS_LABELS[level]}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <button className="nhsuk-button" type="submit" disabled={sending}>
        Save observations and score NEWS2
      </button>
    </form>
  );
}
