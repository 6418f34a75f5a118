/**
 * The answer to an assessment: accept (with the date the home can take the
 * person and their GP practice), decline (a reason from the list, and words
 * when the reason is "another"), or query (a question for the assessor).
 * Main checks everything again; its refusal is shown as it says it.
 */
import { useState } from 'react';
import {
  DECLINE_REASON_LABELS,
  DeclineReason,
  type AssessmentDecisionInput,
  type AssessmentDetails,
} from '../../../../common/assessments/assessment';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { IpcError } from '../../../../common/ipc/result';
import { SelectField, TextField } from '../../components/fields';
import { ErrorPanel } from '../../components/panels';

type Choice = 'accept' | 'decline' | 'query';
const CHOICES: { value: Choice; label: string }[] = [
  { value: 'accept', label: 'Accept: the home can meet these needs' },
  { value: 'query', label: 'Ask the assessor a question first' },
  { value: 'decline', label: 'Decline: the home cannot take this person' },
];

export function DecisionForm({
  api,
  details,
  onDecided,
}: {
  api: CareHomeApi;
  details: AssessmentDetails;
  /** Told what was done, in words for a success banner. */
  onDecided: (whatWasDone: string) => void;
}) {
  const [choice, setChoice] = useState<Choice | null>(null);
  const [admissionDate, setAdmissionDate] = useState(details.plannedDischargeDate ?? '');
  const [gpOdsCode, setGpOdsCode] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [question, setQuestion] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const [sending, setSending] = useState(false);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!choice) {
      setError({ code: 'invalid_request', message: 'Choose accept, ask a question, or decline' });
      return;
    }
    const id = details.id;
    const request: AssessmentDecisionInput =
      choice === 'accept'
        ? { decision: 'accept', assessmentId: id, admissionDate, gpOdsCode }
        : choice === 'decline'
          ? { decision: 'decline', assessmentId: id, reason: DeclineReason.catch('other').parse(reason), note }
          : { decision: 'query', assessmentId: id, question };
    if (choice === 'decline' && reason === '') {
      setError({ code: 'invalid_request', message: 'Choose the reason the home cannot take this person' });
      return;
    }
    setSending(true);
    void api.assessments.decide(request).then((result) => {
      setSending(false);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      onDecided(
        choice === 'accept'
          ? `${details.patientName} is accepted and added as a prospective resident.`
          : choice === 'decline'
            ? 'The assessment is declined.'
            : 'Your question is recorded for the assessor.',
      );
    });
  };

  return (
    <section className="app-section" aria-labelledby="assessment-decide">
      <h2 id="assessment-decide">Answer the hospital</h2>
      {error ? <ErrorPanel error={error} /> : null}
      <form onSubmit={submit} noValidate>
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Your answer</legend>
            <div className="nhsuk-radios">
              {CHOICES.map((c) => (
                <div className="nhsuk-radios__item" key={c.value}>
                  <input
                    className="nhsuk-radios__input"
                    id={`decision-${c.value}`}
                    name="decision"
                    type="radio"
                    checked={choice === c.value}
                    onChange={() => setChoice(c.value)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`decision-${c.value}`}>
                    {c.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        {choice === 'accept' ? (
          <>
            <TextField
              id="admission-date"
              label="Date the home can take them"
              hint="For example 2026-12-04"
              value={admissionDate}
              onChange={setAdmissionDate}
              width={10}
            />
            <TextField
              id="gp-ods-code"
              label="Their GP practice’s ODS code"
              hint="For example Y90001. It is on the hospital letter or the GP’s website."
              value={gpOdsCode}
              onChange={setGpOdsCode}
              width={10}
              code
            />
          </>
        ) : null}
        {choice === 'decline' ? (
          <>
            <SelectField
              id="decline-reason"
              label="Why the home cannot take them"
              value={reason}
              onChange={setReason}
              placeholder="Choose a reason"
              options={DeclineReason.options.map((r) => ({ value: r, label: DECLINE_REASON_LABELS[r] }))}
            />
            <TextField id="decline-note" label="More detail for the assessor" value={note} onChange={setNote} />
          </>
        ) : null}
        {choice === 'query' ? (
          <TextField
            id="query-question"
            label="Your question for the assessor"
            value={question}
            onChange={setQuestion}
          />
        ) : null}
        <button type="submit" className="nhsuk-button" disabled={sending}>
          {sending ? 'Sending…' : 'Send answer'}
        </button>
      </form>
    </section>
  );
}
