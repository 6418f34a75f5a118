/** What a refresh did, said plainly: updated, or why not (the stored visits are still shown). */
import type { NursingRefreshResult } from '../../../../common/ipc/channels/nursing';
import { SuccessBanner, WarningCallout } from '../../components/panels';

export function RefreshOutcome({ results }: { results: readonly NursingRefreshResult[] }) {
  const updated = results.filter((r) => r.outcome === 'updated');
  const failed = results.filter((r) => r.outcome === 'failed');
  return (
    <>
      {failed.length === 0 && updated.length > 0 ? (
        <SuccessBanner
          message={
            updated.length === 1
              ? updated[0]!.message
              : `District nursing visits updated for ${updated.length} residents.`
          }
        />
      ) : null}
      {failed.length > 0 ? (
        <div role="alert">
          <WarningCallout
            heading={
              failed.length === 1
                ? `Could not update ${failed[0]!.resident.displayName}'s district nursing visits`
                : `Could not update district nursing visits for ${failed.length} residents`
            }
          >
            {distinctMessages(failed).map(({ message, names }) => (
              <p key={message}>
                {failed.length > 1 ? <strong>{names.join(', ')}: </strong> : null}
                {message}
              </p>
            ))}
          </WarningCallout>
        </div>
      ) : null}
    </>
  );
}

/** One paragraph per different reason, naming who it applies to, so twelve residents offline is one sentence. */
function distinctMessages(failed: readonly NursingRefreshResult[]): Array<{ message: string; names: string[] }> {
  const byMessage = new Map<string, string[]>();
  for (const r of failed) byMessage.set(r.message, [...(byMessage.get(r.message) ?? []), r.resident.displayName]);
  return [...byMessage].map(([message, names]) => ({ message, names }));
}
