/**
 * The care home's records cannot be opened (no keychain, wrong key, a file from
 * a newer version...). For the administrator: what is wrong, the technical
 * detail for the IT provider, where the file is, and that nothing was deleted.
 * There is nothing a care worker can do here, so there are no actions.
 */
import type { AppStatus, StoreProblem } from '../../../../common/ipc/types';
import { usePageTitle } from '../../components/Frame';
import { PolicyProblemsPanel } from '../../components/panels';

type StoreErrorStatus = Extract<AppStatus, { state: 'store_error' }>;

const PROBLEM_NAMES: Record<StoreProblem, string> = {
  keychain_unavailable: "The computer's secure key store is not available",
  key_missing: 'The key that unlocks the records is missing',
  key_wrong_or_file_corrupt: 'The key does not open the records file, or the file is damaged',
  from_newer_version: 'The records file was made by a newer version of Care Home Desktop',
  cannot_open: 'The records file cannot be opened',
};

export const STORE_ERROR_HEADING = "Care Home Desktop cannot open the care home's records";

export function StoreErrorPage({ status }: { status: StoreErrorStatus }) {
  usePageTitle('Cannot open records');
  return (
    <>
      <h1>{STORE_ERROR_HEADING}</h1>
      <div className="nhsuk-error-summary app-store-error" aria-labelledby="store-error-title" tabIndex={-1}>
        <h2 className="nhsuk-error-summary__heading" id="store-error-title">
          {PROBLEM_NAMES[status.problem]}
        </h2>
        <div className="nhsuk-error-summary__body">
          <p>{status.message}</p>
        </div>
      </div>

      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>Nothing has been deleted. The records are still on this computer, exactly as they were.</p>
      </div>

      <p>Do not try to fix this yourself. Give your IT provider the details below.</p>

      <h2>Details for your IT provider</h2>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Problem</dt>
          <dd className="nhsuk-summary-list__value">
            <code className="app-code">{status.problem}</code>
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Records file</dt>
          <dd className="nhsuk-summary-list__value">
            <code className="app-code app-code--wrap">{status.databasePath}</code>
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Technical detail</dt>
          <dd className="nhsuk-summary-list__value">
            <pre className="app-pre">{status.detail}</pre>
          </dd>
        </div>
      </dl>

      <PolicyProblemsPanel problems={status.policyProblems} />
    </>
  );
}
