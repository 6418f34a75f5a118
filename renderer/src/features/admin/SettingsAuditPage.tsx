/**
 * Settings and audit, for home managers and IT administrators: the managed
 * policy file and the settings in force, the recent audit log, and a check
 * that the audit log has not been altered.
 */
import { useId, useState, type ReactNode } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { IpcError } from '../../../../common/ipc/result';
import type { AuditEntry, AuditVerification, PolicyStatus } from '../../../../common/ipc/types';
import { Forbidden } from '../../components/Forbidden';
import { formatDateTime, formatDuration, plural } from '../../components/format';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading, SuccessBanner } from '../../components/panels';
import { forbiddenAmong, useLoad } from '../../components/useLoad';

export const SETTINGS_HEADING = 'Settings and audit';
export const VERIFY_BUTTON = 'Check the audit log has not been altered';

const POLICY_STATES: Record<PolicyStatus['state'], string> = {
  loaded: 'Loaded. The settings in the file are being used.',
  absent: 'There is no settings file. Safe default settings are being used.',
  invalid: 'The file has problems. Safe default settings are being used.',
};

export function SettingsAuditPage({ api }: { api: CareHomeApi }) {
  usePageTitle(SETTINGS_HEADING);
  const [policy, reloadPolicy] = useLoad(() => api.policy.status());
  const [audit, reloadAudit] = useLoad(() => api.audit.recent({ limit: 100 }));

  const refusal = forbiddenAmong(policy, audit);
  if (refusal) return <Forbidden message={refusal.message} />;

  return (
    <>
      <h1>{SETTINGS_HEADING}</h1>
      <section className="app-section" aria-labelledby="policy-heading">
        <h2 id="policy-heading">Care home settings file</h2>
        <p>These settings are set by your IT provider in a file on this laptop that staff cannot change.</p>
        {policy.status === 'loading' ? <Loading what="settings" /> : null}
        {policy.status === 'error' ? <ErrorPanel error={policy.error} onRetry={reloadPolicy} /> : null}
        {policy.status === 'ok' ? <PolicyDetails policy={policy.value} /> : null}
      </section>

      <section className="app-section" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        <p>
          Care Home Desktop records who did what, and when. Each entry is linked to the one before, so changes to the
          log can be found.
        </p>
        <VerifyAudit api={api} onChecked={reloadAudit} />
        {audit.status === 'loading' ? <Loading what="the audit log" /> : null}
        {audit.status === 'error' ? <ErrorPanel error={audit.error} onRetry={reloadAudit} /> : null}
        {audit.status === 'ok' ? <AuditTable entries={audit.value} /> : null}
      </section>
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}

function PolicyDetails({ policy }: { policy: PolicyStatus }) {
  const { effective } = policy;
  const endpoints = Object.entries(effective.endpoints);
  return (
    <>
      <dl className="nhsuk-summary-list">
        <Row label="Settings file">
          <code className="app-code app-code--wrap">{policy.source}</code>
        </Row>
        <Row label="State">
          {policy.state === 'loaded' ? (
            <strong className="nhsuk-tag nhsuk-tag--green">Loaded</strong>
          ) : policy.state === 'absent' ? (
            <strong className="nhsuk-tag nhsuk-tag--grey">No file</strong>
          ) : (
            <strong className="nhsuk-tag nhsuk-tag--red">Has problems</strong>
          )}
          <p className="app-tag-explainer">{POLICY_STATES[policy.state]}</p>
        </Row>
        {policy.problems.length > 0 ? (
          <Row label="Problems">
            <ul className="app-policy-problems">
              {policy.problems.map((problem, index) => (
                <li key={`${problem.path}-${index}`}>
                  {problem.path ? (
                    <>
                      <code className="app-code">{problem.path}</code>: {problem.message}
                    </>
                  ) : (
                    problem.message
                  )}
                </li>
              ))}
            </ul>
          </Row>
        ) : null}
      </dl>

      <h3>Settings in use</h3>
      <dl className="nhsuk-summary-list">
        <Row label="Locked-down mode">
          {effective.kiosk
            ? 'On. Care Home Desktop fills the screen and other programs cannot be opened from it.'
            : 'Off. Care Home Desktop runs in a normal window.'}
        </Row>
        <Row label="Screen locks after">{formatDuration(Math.round(effective.idleLockMinutes * 60))} without use</Row>
        <Row label="Updates">
          {effective.updates.url ? (
            <>
              From <code className="app-code app-code--wrap">{effective.updates.url}</code> ({effective.updates.channel}{' '}
              channel)
            </>
          ) : (
            'Not set up. Your IT provider installs new versions.'
          )}
        </Row>
        <Row label="Connections to other systems">
          {endpoints.length === 0 ? (
            'None'
          ) : (
            <ul className="nhsuk-list">
              {endpoints.map(([name, address]) => (
                <li key={name}>
                  {name}: <code className="app-code app-code--wrap">{address}</code>
                </li>
              ))}
            </ul>
          )}
        </Row>
      </dl>
    </>
  );
}

function VerifyAudit({ api, onChecked }: { api: CareHomeApi; onChecked: () => void }) {
  const [result, setResult] = useState<
    { kind: 'ok'; value: AuditVerification } | { kind: 'error'; error: IpcError } | null
  >(null);
  const [busy, setBusy] = useState(false);
  const brokenTitle = useId();

  async function verify() {
    if (busy) return;
    setBusy(true);
    setResult(null);
    const answer = await api.audit.verify();
    setBusy(false);
    setResult(answer.ok ? { kind: 'ok', value: answer.value } : { kind: 'error', error: answer.error });
    // The check is itself recorded in the log.
    if (answer.ok) onChecked();
  }

  return (
    <div className="app-verify">
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={verify}
        aria-disabled={busy || undefined}
      >
        {VERIFY_BUTTON}
      </button>
      {busy ? (
        <p role="status" className="app-loading">
          Checking the audit log…
        </p>
      ) : null}
      {result?.kind === 'ok' && result.value.ok ? (
        <SuccessBanner
          message={`The audit log has not been altered. ${plural(result.value.checked, 'entry', 'entries')} checked.`}
        />
      ) : null}
      {result?.kind === 'ok' && !result.value.ok ? (
        <div className="nhsuk-error-summary" role="alert" aria-labelledby={brokenTitle}>
          <h3 className="nhsuk-error-summary__heading" id={brokenTitle}>
            The audit log has been altered
          </h3>
          <div className="nhsuk-error-summary__body">
            <p>
              {result.value.firstBrokenId !== null
                ? `Entry ${result.value.firstBrokenId} is the first entry that does not match the entries before it.`
                : 'An entry does not match the entries before it.'}{' '}
              {plural(result.value.checked, 'entry was', 'entries were')} checked.
            </p>
            <p>Do not delete anything. Tell your IT provider and your home manager today.</p>
          </div>
        </div>
      ) : null}
      {result?.kind === 'error' ? <ErrorPanel error={result.error} /> : null}
    </div>
  );
}

/** The audit log's action names (main/services/**), in plain words. */
const ACTIONS: Record<string, string> = {
  'care_home.created': 'Set up the care home',
  login: 'Signed in',
  logout: 'Signed out',
  'login.failed': 'Wrong PIN or passphrase entered',
  'login.locked_out': 'Account locked after too many wrong PINs',
  'login.refused': 'Sign-in refused',
  'session.locked': 'Locked the screen',
  'session.auto_locked': 'Screen locked because nobody was using it',
  'session.unlocked': 'Unlocked the screen',
  'staff.added': 'Added a staff member',
  'staff.disabled': "Disabled a staff member's account",
  'staff.enabled': "Enabled a staff member's account",
  'staff.secret_reset': "Reset a staff member's PIN",
  'staff.unlocked': "Unlocked a staff member's account",
  'residents.list_viewed': 'Looked at the residents list',
  'resident.viewed': "Looked at a resident's details",
  'audit.verified': 'Checked the audit log',
  'access.refused': 'Was refused something their role does not allow',
};

function describeSubject(subject: string | null): string | null {
  if (!subject) return null;
  const match = /^(staff|resident):(\d+)$/.exec(subject);
  if (!match) return subject;
  return `${match[1] === 'staff' ? 'Staff member' : 'Resident'} number ${match[2]}`;
}

function What({ entry }: { entry: AuditEntry }) {
  const details = [describeSubject(entry.subject), entry.detail].filter(
    (part): part is string => !!part && part.trim() !== '',
  );
  return (
    <>
      {ACTIONS[entry.action] ?? entry.action}
      {details.length > 0 ? <span className="app-audit-detail">{details.join('. ')}</span> : null}
    </>
  );
}

function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  if (entries.length === 0) return <p>Nothing has been recorded yet.</p>;
  return (
    <table className="nhsuk-table app-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">
        Most recent {plural(entries.length, 'entry', 'entries')}
      </caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            Entry
          </th>
          <th scope="col" className="nhsuk-table__header">
            Time
          </th>
          <th scope="col" className="nhsuk-table__header">
            Who
          </th>
          <th scope="col" className="nhsuk-table__header">
            What
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {entries.map((entry) => (
          <tr className="nhsuk-table__row" key={entry.id}>
            <td className="nhsuk-table__cell">{entry.id}</td>
            <td className="nhsuk-table__cell app-nowrap">{formatDateTime(entry.at)}</td>
            <td className="nhsuk-table__cell">{entry.staffName ?? 'Nobody signed in'}</td>
            <td className="nhsuk-table__cell">
              <What entry={entry} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
