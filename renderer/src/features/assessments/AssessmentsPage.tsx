/**
 * The "Assessments" page: trusted assessments from hospitals, by state, with
 * how long the hospital has been waiting (amber and red at the times the
 * policy sets). Choosing one shows it in plain words; nurses and managers
 * answer it there.
 */
import { useState } from 'react';
import {
  ASSESSMENT_STATE_LABELS,
  AssessmentState,
  OPEN_STATES,
  type AssessmentSummary,
} from '../../../../common/assessments/assessment';
import { waitingLevel, type WaitingTimes } from '../../../../common/assessments/assessments-policy';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { SessionInfo } from '../../../../common/ipc/types';
import { Forbidden } from '../../components/Forbidden';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading } from '../../components/panels';
import { forbiddenAmong, useLoad } from '../../components/useLoad';
import { formatDate, formatWait } from './assessment-format';
import { AssessmentView } from './AssessmentView';
import './assessments.css';

export const ASSESSMENTS_HEADING = 'Assessments';

export function AssessmentsPage({ api, session }: { api: CareHomeApi; session: SessionInfo }) {
  usePageTitle(ASSESSMENTS_HEADING);
  const [inbox, reload] = useLoad(() => api.assessments.list({}));
  const [chosen, setChosen] = useState<number | null>(null);
  const refusal = forbiddenAmong(inbox);
  if (refusal) return <Forbidden message={refusal.message} />;
  if (chosen !== null) {
    return (
      <AssessmentView
        api={api}
        session={session}
        assessmentId={chosen}
        onBack={() => {
          setChosen(null);
          reload();
        }}
      />
    );
  }
  return (
    <>
      <h1>{ASSESSMENTS_HEADING}</h1>
      <p className="nhsuk-body-l">Trusted assessments from hospitals, for people who may come to live here.</p>
      {inbox.status === 'loading' ? <Loading what="the assessments" /> : null}
      {inbox.status === 'error' ? <ErrorPanel error={inbox.error} onRetry={reload} /> : null}
      {inbox.status === 'ok'
        ? AssessmentState.options.map((state) => (
            <StateGroup
              key={state}
              state={state}
              items={inbox.value.assessments.filter((a) => a.state === state)}
              waiting={inbox.value.waiting}
              onOpen={setChosen}
            />
          ))
        : null}
    </>
  );
}

function StateGroup({
  state,
  items,
  waiting,
  onOpen,
}: {
  state: AssessmentState;
  items: readonly AssessmentSummary[];
  waiting: WaitingTimes;
  onOpen: (id: number) => void;
}) {
  const headingId = `assessments-${state}`;
  const open = OPEN_STATES.includes(state);
  if (items.length === 0 && !open) return null;
  const now = new Date();
  return (
    <section className="app-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {ASSESSMENT_STATE_LABELS[state]} <span className="nhsuk-caption-m">{items.length}</span>
      </h2>
      {items.length === 0 ? <p>None.</p> : null}
      {items.length > 0 ? (
        <table className="nhsuk-table app-assessments-table">
          <caption className="nhsuk-u-visually-hidden">{ASSESSMENT_STATE_LABELS[state]} assessments</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Person</th>
              <th scope="col">From</th>
              <th scope="col">Planned discharge</th>
              <th scope="col">{open ? 'Hospital waiting' : 'Received'}</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {items.map((a) => {
              const wait = waitingLevel(a.receivedAt, now, waiting);
              return (
                <tr key={a.id}>
                  <th scope="row">
                    <button type="button" className="app-link-button" onClick={() => onOpen(a.id)}>
                      {a.patientName}
                    </button>
                  </th>
                  <td>
                    {a.hospital ?? 'Hospital not named'}
                    {a.ward ? `, ${a.ward}` : ''}
                    {a.assessor ? <span className="app-assessments-assessor">Assessed by {a.assessor}</span> : null}
                  </td>
                  <td>{a.plannedDischargeDate ? formatDate(a.plannedDischargeDate) : 'Not given'}</td>
                  <td>
                    {open ? (
                      <strong className={`nhsuk-tag ${WAIT_TAGS[wait.level]}`}>{formatWait(wait.hours)}</strong>
                    ) : (
                      formatDate(a.receivedAt.slice(0, 10))
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

const WAIT_TAGS = { ok: 'nhsuk-tag--grey', amber: 'nhsuk-tag--orange', red: 'nhsuk-tag--red' } as const;
