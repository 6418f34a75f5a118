/** How old a resident's stored GP record is, in words, with a plain warning when it is past the policy's limit. */
import type { RecordAge, RecordError, RecordProvenance } from '../../../../common/ipc/channels/records';

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function ageInWords(minutes: number): string {
  if (minutes < 1) return 'just now';
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** Minutes since an ISO time, for ages the renderer works out itself (e.g. in the residents list). */
export function minutesSince(iso: string, now: Date = new Date()): number {
  const then = new Date(iso).getTime();
  return Number.isNaN(then) ? 0 : Math.max(0, Math.floor((now.getTime() - then) / 60_000));
}

export function RecordAgeLine({
  provenance,
  age,
  lastError,
}: {
  provenance: RecordProvenance | null;
  age: RecordAge | null;
  lastError: RecordError | null;
}) {
  return (
    <div className="app-record-age" role="status">
      {provenance && age ? (
        <p className={`app-record-age__line${age.stale ? ' app-record-age__line--stale' : ''}`}>
          <strong>GP record updated {ageInWords(age.ageMinutes)}</strong>
          {provenance.practiceName ? ` from ${provenance.practiceName}` : ''}
          {age.stale ? (
            <span className="app-record-age__warning">
              {' '}
              This is older than {age.staleAfterHours} hours, so it may be out of date. Refresh it, or check with the GP
              practice before relying on it.
            </span>
          ) : null}
        </p>
      ) : (
        <p className="app-record-age__line">
          <strong>No GP record has been stored for this resident yet.</strong>
        </p>
      )}
      {lastError ? (
        <p className="app-record-age__error">
          <strong>The last refresh did not work:</strong> {lastError.message}
        </p>
      ) : null}
    </div>
  );
}
