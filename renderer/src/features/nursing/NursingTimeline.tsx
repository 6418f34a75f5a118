/**
 * A resident's district nursing timeline, newest visit first, read from the
 * laptop's store (so it opens with the broadband down), with where the visits
 * came from, how old they are, and a button to get the latest.
 *
 * Embeddable: the resident summary shows it with
 *   <NursingTimeline api={api} residentId={id} headingLevel={2} />
 */
import { useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { NursingRefreshResult } from '../../../../common/ipc/channels/nursing';
import { ErrorPanel, Loading, WarningCallout } from '../../components/panels';
import { useLoad } from '../../components/useLoad';
import { formatAge, isStale } from './age';
import { RefreshOutcome } from './RefreshOutcome';
import { useOnline } from './useOnline';
import { VisitCard } from './VisitCard';
import './nursing.css';

export interface NursingTimelineProps {
  readonly api: CareHomeApi;
  readonly residentId: number;
  /** The level of the timeline's own heading; visits are one level below. */
  readonly headingLevel?: 2 | 3;
}

export function NursingTimeline({ api, residentId, headingLevel = 2 }: NursingTimelineProps) {
  const [timeline, reload] = useLoad(() => api.nursing.timeline({ residentId }));
  const [refreshing, setRefreshing] = useState(false);
  const [results, setResults] = useState<readonly NursingRefreshResult[] | null>(null);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const online = useOnline();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const refresh = () => {
    setRefreshing(true);
    setRefreshError(null);
    void api.nursing.refresh({ residentId }).then((result) => {
      setRefreshing(false);
      if (result.ok) setResults(result.value.results);
      else setRefreshError(result.error.message);
      reload();
    });
  };

  if (timeline.status === 'loading') return <Loading what="district nursing visits" />;
  if (timeline.status === 'error') return <ErrorPanel error={timeline.error} onRetry={reload} />;
  const { resident, source, lastAttempt, visits, now, staleAfterHours } = timeline.value;
  const lastFailed = lastAttempt && !lastAttempt.ok ? lastAttempt : null;

  return (
    <section className="app-section" aria-labelledby={`nursing-timeline-${residentId}`}>
      <Heading id={`nursing-timeline-${residentId}`}>District nursing visits for {resident.displayName}</Heading>
      {!online ? (
        <WarningCallout heading="This laptop is offline" headingLevel={3}>
          <p>
            You are seeing the district nursing visits stored on this laptop. They cannot be updated until the
            connection is back.
          </p>
        </WarningCallout>
      ) : null}
      {results ? <RefreshOutcome results={results} /> : null}
      {refreshError ? <p className="nhsuk-error-message">{refreshError}</p> : null}
      {source ? (
        <p>
          District nursing visits updated {formatAge(source.fetchedAt, now)}, from {source.name}.
          {isStale(source.fetchedAt, now, staleAfterHours) ? (
            <>
              {' '}
              <strong className="nhsuk-tag nhsuk-tag--orange">Out of date</strong> They are more than {staleAfterHours}{' '}
              hours old: get the latest before relying on them.
            </>
          ) : null}
        </p>
      ) : (
        <p>No district nursing visits have been fetched for {resident.displayName} yet.</p>
      )}
      {lastFailed && !results ? (
        <WarningCallout heading="The last update did not work" headingLevel={3}>
          <p>
            Tried {formatAge(lastFailed.at, now)}. {lastFailed.problem}
          </p>
        </WarningCallout>
      ) : null}
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={refresh} disabled={refreshing}>
        {refreshing ? 'Getting the latest visits…' : 'Get the latest from the district nurses'}
      </button>
      {source && visits.length === 0 ? <p>No visits in the last 90 days.</p> : null}
      {source && visits.length > 0 ? (
        <ol className="app-visits" aria-label={`Visits to ${resident.displayName}, newest first`}>
          {visits.map((visit) => (
            <VisitCard
              key={visit.sourceId}
              visit={visit}
              source={source}
              now={now}
              staleAfterHours={staleAfterHours}
              title={visit.reason ?? 'District nursing visit'}
              headingLevel={headingLevel === 2 ? 3 : 4}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
