/**
 * Observations (RESTORE2: recognise and measure). Choose a resident; tick the
 * soft signs; take a full set of observations; see NEWS2 with each reading's
 * score, the total, the change from the resident's usual score, the trend,
 * and the escalation step beside the resident's escalation plan.
 */
import { useState, type FormEvent } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { ResidentTriage } from '../../../../common/ipc/channels/triage';
import {
  CONSCIOUSNESS_LABELS,
  NEWS2_PARAMETERS,
  PARAMETER_LABELS,
  RCP_RESPONSES,
  RISK_LABELS,
  responseRow,
} from '../../../../common/triage/news2';
import type { ObservationSet } from '../../../../common/triage/observations';
import { RESTORE2_CREDIT, STOP_AND_WATCH, type SoftSignCode } from '../../../../common/triage/soft-signs';
import { ErrorSummary, type FormError } from '../../components/ErrorSummary';
import { SelectField } from '../../components/fields';
import { Forbidden } from '../../components/Forbidden';
import { formatDateTime } from '../../components/format';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading, SuccessBanner } from '../../components/panels';
import { forbiddenAmong, useLoad } from '../../components/useLoad';
import { ObservationsForm } from './ObservationsForm';
import { changeText, TrendChart } from './TrendChart';

export const OBSERVATIONS_HEADING = 'Observations';

export function ObservationsPage({ api }: { api: CareHomeApi }) {
  usePageTitle(OBSERVATIONS_HEADING);
  const [residents] = useLoad(() => api.residents.list({}));
  const [residentId, setResidentId] = useState<number | null>(null);
  const refusal = forbiddenAmong(residents);
  if (refusal) return <Forbidden message={refusal.message} />;
  return (
    <>
      <h1>{OBSERVATIONS_HEADING}</h1>
      {residents.status === 'loading' ? <Loading what="residents" /> : null}
      {residents.status === 'error' ? <ErrorPanel error={residents.error} /> : null}
      {residents.status === 'ok' ? (
        <SelectField
          id="triage-resident"
          label="Resident"
          value={residentId === null ? '' : String(residentId)}
          placeholder="Choose a resident"
          options={residents.value.map((r) => ({
            value: String(r.residentId),
            label: `${r.displayName}, room ${r.room}`,
          }))}
          onChange={(value) => setResidentId(value ? Number(value) : null)}
        />
      ) : null}
      {residentId !== null ? <ResidentObservations key={residentId} api={api} residentId={residentId} /> : null}
    </>
  );
}

function ResidentObservations({ api, residentId }: { api: CareHomeApi; residentId: number }) {
  const [triage, reload] = useLoad(() => api.triage.history({ residentId }));
  const [success, setSuccess] = useState<string | null>(null);
  if (triage.status === 'loading') return <Loading what="observations" />;
  if (triage.status === 'error') return <ErrorPanel error={triage.error} onRetry={reload} />;
  const t = triage.value;
  const latest = t.observationSets[0] ?? null;
  return (
    <>
      {success ? <SuccessBanner message={success} /> : null}
      <EscalationPanel triage={t} />
      {latest ? <News2Panel set={latest} /> : null}
      {t.prompt.state === 'not_prompted_end_of_life' ? (
        <p className="nhsuk-inset-text">
          This resident is on an end-of-life pathway, so observations are not prompted. Follow the end-of-life care
          plan. You can still take observations if you choose to.
        </p>
      ) : t.prompt.state === 'due_by' ? (
        <p className="nhsuk-inset-text">
          Next observations due by {formatDateTime(t.prompt.dueBy)} ({t.prompt.monitoring.toLowerCase()}).
        </p>
      ) : null}
      <SoftSignsForm
        api={api}
        residentId={residentId}
        onRecorded={() => {
          setSuccess('Soft signs saved. Tell the nurse or senior carer in charge.');
          reload();
        }}
      />
      <ObservationsForm
        api={api}
        residentId={residentId}
        spo2Scale={t.spo2Scale}
        onRecorded={(recorded) => {
          setSuccess(`Observations saved. NEWS2 is ${recorded.observationSet.news2.total}.`);
          reload();
        }}
      />
      <h2>Earlier observations</h2>
      <TrendChart sets={t.observationSets} reference={t.reference?.score ?? null} />
    </>
  );
}

function EscalationPanel({ triage }: { triage: ResidentTriage }) {
  const advice = triage.escalation;
  const urgent = advice.step === 'call_999' || advice.step === 'urgent_gp_or_111';
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <div className={`nhsuk-card ${urgent ? 'nhsuk-card--care nhsuk-card--care--urgent' : 'nhsuk-card--feature'}`}>
          <div className="nhsuk-card__content">
            <h2 className="nhsuk-card__heading" id="escalation-step">
              Next step: {advice.label}
            </h2>
            <p>{advice.action}</p>
            <p className="nhsuk-body-s">Because: {advice.because.join('; ')}.</p>
            <p>
              <strong>{advice.ifWorried}</strong>
            </p>
          </div>
        </div>
      </div>
      <div className="nhsuk-grid-column-one-third">
        <div className="nhsuk-card">
          <div className="nhsuk-card__content">
            <h2 className="nhsuk-card__heading nhsuk-heading-s">Escalation plan</h2>
            {/* The ReSPECT / DNACPR / treatment escalation plan comes from the resident's record (issue 4). */}
            <p>Check the resident’s ReSPECT form, DNACPR decision and treatment escalation plan before you call.</p>
            {triage.endOfLife?.onPathway ? <p>On an end-of-life pathway.</p> : null}
          </div>
        </div>
      </div>
    </div>
  );
}

function News2Panel({ set }: { set: ObservationSet }) {
  const response = RCP_RESPONSES[responseRow(set.news2)];
  const shown = (parameter: (typeof NEWS2_PARAMETERS)[number]): string => {
    const v = set.values;
    switch (parameter) {
      case 'respirationRate':
        return `${v.respirationRate} a minute`;
      case 'spo2':
        return `${v.spo2}% (Scale ${set.spo2Scale})`;
      case 'airOrOxygen':
        return v.onOxygen ? 'Oxygen' : 'Air';
      case 'systolicBp':
        return `${v.systolicBp} mmHg`;
      case 'pulse':
        return `${v.pulse} a minute`;
      case 'consciousness':
        return CONSCIOUSNESS_LABELS[v.consciousness];
      case 'temperature':
        return `${v.temperature.toFixed(1)} °C`;
    }
  };
  return (
    <section aria-labelledby="news2-heading">
      <h2 id="news2-heading">
        NEWS2: {set.news2.total} ({RISK_LABELS[set.news2.risk]} clinical risk)
      </h2>
      <p>
        Taken {formatDateTime(set.takenAt)} by {set.recordedBy.displayName}. {changeText(set.changeFromReference)}.
      </p>
      {set.news2.redScores.length > 0 ? (
        <p className="nhsuk-error-message">
          Red score: {set.news2.redScores.map((p) => PARAMETER_LABELS[p]).join(', ')} scored 3.
        </p>
      ) : null}
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Score for each reading</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Reading</th>
            <th scope="col">Value</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {NEWS2_PARAMETERS.map((parameter) => (
            <tr key={parameter}>
              <td>{PARAMETER_LABELS[parameter]}</td>
              <td>{shown(parameter)}</td>
              <td>{set.news2.scores[parameter]}</td>
            </tr>
          ))}
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td>
              <strong>{set.news2.total}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">What the Royal College of Physicians says for this score</span>
        </summary>
        <div className="nhsuk-details__text">
          <p>
            {response.trigger}. Monitoring: {response.monitoring}.
          </p>
          <ul>
            {response.clinicalResponse.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="nhsuk-body-s">NEWS2 © Royal College of Physicians 2017.</p>
        </div>
      </details>
    </section>
  );
}

function SoftSignsForm({
  api,
  residentId,
  onRecorded,
}: {
  api: CareHomeApi;
  residentId: number;
  onRecorded: () => void;
}) {
  const [signs, setSigns] = useState<SoftSignCode[]>([]);
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (signs.length === 0) {
      setErrors([{ fieldId: `sign-${STOP_AND_WATCH[0].code}`, message: 'Tick at least one sign' }]);
      return;
    }
    const result = await api.triage.recordSoftSigns({ residentId, signs });
    if (!result.ok) return setErrors([{ message: result.error.message }]);
    setErrors([]);
    setSigns([]);
    onRecorded();
  }
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
          <h2 className="nhsuk-fieldset__heading">Soft signs: is the resident their usual self?</h2>
        </legend>
        <div className="nhsuk-hint">Stop and Watch. Tick what is different from the resident’s usual self.</div>
        <div className="nhsuk-checkboxes">
          {STOP_AND_WATCH.map((sign) => (
            <div className="nhsuk-checkboxes__item" key={sign.code}>
              <input
                className="nhsuk-checkboxes__input"
                id={`sign-${sign.code}`}
                type="checkbox"
                checked={signs.includes(sign.code)}
                onChange={(event) =>
                  setSigns(event.target.checked ? [...signs, sign.code] : signs.filter((s) => s !== sign.code))
                }
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`sign-${sign.code}`}>
                <strong>{sign.letter}</strong> {sign.text}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <p className="nhsuk-body-s">{RESTORE2_CREDIT}</p>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Save soft signs
      </button>
    </form>
  );
}
