/**
 * The "District nurses" page: what the community nurses did in the home
 * today, and any resident's nursing timeline. Everything shown comes from
 * the laptop's store; "Get the latest" asks the shared care record.
 */
import { useId, useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { NursingRefreshResult } from '../../../../common/ipc/channels/nursing';
import { Forbidden } from '../../components/Forbidden';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading, WarningCallout } from '../../components/panels';
import { forbiddenAmong, useLoad } from '../../components/useLoad';
import { formatAge } from './age';
import { NursingTimeline } from './NursingTimeline';
import { RefreshOutcome } from './RefreshOutcome';
import { useOnline } from './useOnline';
import { VisitCard } from './VisitCard';
import './nursing.css';

export const NURSING_HEADING = 'District nurses';
export const TODAY_HEADING = 'What the nurses did today';

export function NursingPage({ api }: { api: CareHomeApi }) {
  usePageTitle(NURSING_HEADING);
  const [today, reloadToday] = useLoad(() => api.nursing.today({}));
  const [residents] = useLoad(() => api.residents.list({}));
  const [chosen, setChosen] = useState<number | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [results, setResults] = useState<readonly NursingRefreshResult[] | null>(null);
  const online = useOnline();
  const selectId = useId();
  const refusal = forbiddenAmong(today);
  if (refusal) return <Forbidden message={refusal.message} />;

  const refreshAll = () => {
    setRefreshing(true);
    void api.nursing.refresh({}).then((result) => {
      setRefreshing(false);
      setResults(result.ok ? result.value.results : []);
      reloadToday();
    });
  };

  return (
    <>
      <h1>{NURSING_HEADING}</h1>
      {!online ? (
        <WarningCallout heading="This laptop is offline">
          <p>
            You are seeing the district nursing visits stored on this laptop. They cannot be updated until the
            connection is back.
          </p>
        </WarningCallout>
      ) : null}

      <section className="app-section" aria-labelledby="nursing-today">
        <h2 id="nursing-today">
          {TODAY_HEADING}
          {today.status === 'ok' ? <span className="nhsuk-caption-m">{longDate(today.value.now)}</span> : null}
        </h2>
        {results ? <RefreshOutcome results={results} /> : null}
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={refreshAll}
          disabled={refreshing}
        >
          {refreshing ? 'Getting the latest visits…' : 'Get the latest for every resident'}
        </button>
        {today.status === 'loading' ? <Loading what="today's visits" /> : null}
        {today.status === 'error' ? <ErrorPanel error={today.error} onRetry={reloadToday} /> : null}
        {today.status === 'ok' ? (
          <>
            {today.value.notUpToDate.length > 0 && !results ? (
              <WarningCallout heading="Some residents' visits could not be updated" headingLevel={3}>
                <p>Their visits today may be missing from this list:</p>
                <ul>
                  {today.value.notUpToDate.map(({ resident, lastAttempt }) => (
                    <li key={resident.residentId}>
                      <strong>{resident.displayName}</strong> (tried {formatAge(lastAttempt.at, today.value.now)}):{' '}
                      {lastAttempt.problem}
                    </li>
                  ))}
                </ul>
              </WarningCallout>
            ) : null}
            {today.value.entries.length === 0 ? (
              <p>No district nursing visits are recorded for today.</p>
            ) : (
              <ol className="app-visits" aria-label="Today's district nursing visits, latest first">
                {today.value.entries.map(({ resident, source, visit }) => (
                  <VisitCard
                    key={`${resident.residentId}-${visit.sourceId}`}
                    visit={visit}
                    source={source}
                    now={today.value.now}
                    staleAfterHours={today.value.staleAfterHours}
                    title={`${resident.displayName}, room ${resident.room}${visit.reason ? `: ${visit.reason}` : ''}`}
                    headingLevel={3}
                  />
                ))}
              </ol>
            )}
          </>
        ) : null}
      </section>

      <section className="app-section" aria-labelledby="nursing-resident">
        <h2 id="nursing-resident">A resident&apos;s district nursing visits</h2>
        {residents.status === 'ok' ? (
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor={selectId}>
              Choose a resident
            </label>
            <select
              className="nhsuk-select"
              id={selectId}
              value={chosen ?? ''}
              onChange={(e) => setChosen(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">Choose a resident</option>
              {residents.value
                .filter((r) => r.status !== 'former')
                .map((r) => (
                  <option key={r.residentId} value={r.residentId}>
                    {r.displayName}, room {r.room}
                  </option>
                ))}
            </select>
          </div>
        ) : null}
        {residents.status === 'error' ? <ErrorPanel error={residents.error} /> : null}
        {chosen !== null ? <NursingTimeline key={chosen} api={api} residentId={chosen} headingLevel={3} /> : null}
      </section>
    </>
  );
}

function longDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
