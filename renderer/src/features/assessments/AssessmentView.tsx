/**
 * One trusted assessment in plain words: who, from where, the needs under the
 * headings care homes use, what the home must prepare, the hospital's own
 * sections (unknown ones under their own titles), and what has happened so
 * far. Nurses and managers answer it at the bottom; others only read.
 */
import {
  ASSESSMENT_STATE_LABELS,
  DECLINE_REASON_LABELS,
  OPEN_STATES,
  type AssessmentDetails,
} from '../../../../common/assessments/assessment';
import { PRSB_LABELS } from '../../../../common/assessments/transfer-of-care';
import { NEED_LABELS, NeedHeading, RESUSCITATION_LABELS } from '../../../../common/assessments/trusted-assessment';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { SessionInfo } from '../../../../common/ipc/types';
import { useState } from 'react';
import { ErrorPanel, Loading, SuccessBanner } from '../../components/panels';
import { formatDateTime, formatNhsNumber } from '../../components/format';
import { useLoad } from '../../components/useLoad';
import { formatDate } from './assessment-format';
import { DecisionForm } from './DecisionForm';

const EVENT_WORDS = {
  received: 'Received from the hospital',
  review_started: 'Review started',
  queried: 'Question sent to the assessor',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn by the hospital',
  expired: 'Expired',
} as const;

export function AssessmentView({
  api,
  session,
  assessmentId,
  onBack,
}: {
  api: CareHomeApi;
  session: SessionInfo;
  assessmentId: number;
  onBack: () => void;
}) {
  const [loaded, reload] = useLoad(() => api.assessments.get({ assessmentId }));
  const [done, setDone] = useState<string | null>(null);
  const back = (
    <button type="button" className="app-link-button nhsuk-u-margin-bottom-4" onClick={onBack}>
      Back to all assessments
    </button>
  );
  if (loaded.status === 'loading')
    return (
      <>
        {back}
        <Loading what="the assessment" />
      </>
    );
  if (loaded.status === 'error')
    return (
      <>
        {back}
        <ErrorPanel error={loaded.error} onRetry={reload} />
      </>
    );
  const a = loaded.value;
  const canDecide = (session.role === 'nurse' || session.role === 'manager') && OPEN_STATES.includes(a.state);
  return (
    <>
      {back}
      {done ? <SuccessBanner message={done} /> : null}
      <h1>
        <span className="nhsuk-caption-l">Trusted assessment</span>
        {a.patientName}
      </h1>
      <p>
        <strong className="nhsuk-tag nhsuk-tag--blue">{ASSESSMENT_STATE_LABELS[a.state]}</strong>
      </p>
      <dl className="nhsuk-summary-list">
        <Row label="NHS number" value={a.nhsNumber ? formatNhsNumber(a.nhsNumber) : 'Not given'} />
        <Row label="Date of birth" value={a.dateOfBirth ? formatDate(a.dateOfBirth) : 'Not given'} />
        <Row label="Hospital and ward" value={[a.hospital, a.ward].filter(Boolean).join(', ') || 'Not given'} />
        <Row label="Assessed by" value={a.assessor ?? 'Not given'} />
        <Row
          label="Planned discharge"
          value={a.plannedDischargeDate ? formatDate(a.plannedDischargeDate) : 'Not given'}
        />
        <Row label="Received" value={formatDateTime(a.receivedAt)} />
      </dl>
      <Needs details={a} />
      <Sections details={a} />
      <History details={a} />
      {canDecide ? (
        <DecisionForm
          api={api}
          details={a}
          onDecided={(whatWasDone) => {
            setDone(whatWasDone);
            reload();
          }}
        />
      ) : null}
    </>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{value}</dd>
    </div>
  );
}

function Needs({ details }: { details: AssessmentDetails }) {
  const t = details.assessment;
  if (!t) {
    return (
      <section className="app-section" aria-labelledby="assessment-needs">
        <h2 id="assessment-needs">Needs</h2>
        <p>This message has no trusted assessment in it; read the hospital’s sections below.</p>
      </section>
    );
  }
  const prepare = [
    ...t.equipmentForDischarge.map((e) => `Equipment for discharge: ${e}`),
    ...t.mobilityEquipment.map((e) => `Mobility equipment: ${e}`),
    ...(t.fallsRisk === 'high' ? ['High falls risk: sensor mat and night checks'] : []),
    ...(t.dolsInPlace ? ['DoLS: check the authorisation and its conditions'] : []),
  ];
  return (
    <>
      <section className="app-section" aria-labelledby="assessment-prepare">
        <h2 id="assessment-prepare">What the home must prepare</h2>
        {prepare.length === 0 ? (
          <p>Nothing listed.</p>
        ) : (
          <ul className="nhsuk-list nhsuk-list--tick">
            {prepare.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <p>
          Resuscitation: {t.resuscitation ? RESUSCITATION_LABELS[t.resuscitation] : 'Not stated'}. ReSPECT form:{' '}
          {t.respectFormInPlace === null ? 'not stated' : t.respectFormInPlace ? 'in place' : 'not in place'}.
        </p>
      </section>
      <section className="app-section" aria-labelledby="assessment-needs">
        <h2 id="assessment-needs">Needs</h2>
        <dl className="app-assessment-needs">
          {NeedHeading.options.map((heading) => (
            <div key={heading}>
              <dt>
                {NEED_LABELS[heading]}
                {heading === 'fallsRisk' && t.fallsRisk ? ` (${t.fallsRisk} risk)` : ''}
              </dt>
              <dd>{t.needs[heading] ?? 'Not assessed'}</dd>
            </div>
          ))}
          {t.otherAnswers.map((o) => (
            <div key={o.linkId}>
              <dt>{o.question}</dt>
              <dd>{o.answers.join('\n')}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

function Sections({ details }: { details: AssessmentDetails }) {
  return (
    <section className="app-section" aria-labelledby="assessment-sections">
      <h2 id="assessment-sections">From the hospital’s discharge record</h2>
      {details.document.sections.map((s, i) => (
        <div key={i}>
          <h3>{s.heading === 'other' ? s.title : PRSB_LABELS[s.heading]}</h3>
          <p className="app-assessment-section-text">{s.text || 'Nothing written.'}</p>
        </div>
      ))}
    </section>
  );
}

function History({ details }: { details: AssessmentDetails }) {
  return (
    <section className="app-section" aria-labelledby="assessment-history">
      <h2 id="assessment-history">What has happened</h2>
      <ul className="nhsuk-list">
        {details.history.map((h, i) => (
          <li key={i}>
            <strong>{formatDateTime(h.at)}</strong>: {EVENT_WORDS[h.kind]}
            {h.staffName ? ` by ${h.staffName}` : ''}
            {h.admissionDate ? `; the home can take them on ${formatDate(h.admissionDate)}` : ''}
            {h.reason ? `; ${DECLINE_REASON_LABELS[h.reason]}` : ''}
            {h.note ? `: “${h.note}”` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
