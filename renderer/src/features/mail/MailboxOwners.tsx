/**
 * For managers: who owns each personal mailbox. Only the owner can read a
 * personal mailbox (main enforces it); until a manager names one, nobody can.
 * The manager sees addresses and owners here, never the mail itself, and
 * every change is audited.
 */
import { useId, useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import { ErrorPanel, Loading } from '../../components/panels';
import { useLoad } from '../../components/useLoad';

export function MailboxOwners({ api }: { api: CareHomeApi }) {
  const [mailboxes, reload] = useLoad(() => api.mail.personalMailboxes({}));
  const [staff] = useLoad(() => api.staff.list({}));
  if (mailboxes.status === 'ok' && mailboxes.value.length === 0) return null;
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Who owns each personal mailbox</span>
      </summary>
      <div className="nhsuk-details__text">
        <p>Only the owner can read a personal mailbox. You will not see its mail.</p>
        {mailboxes.status === 'loading' || staff.status === 'loading' ? <Loading what="personal mailboxes" /> : null}
        {mailboxes.status === 'error' ? <ErrorPanel error={mailboxes.error} onRetry={reload} /> : null}
        {mailboxes.status === 'ok' && staff.status === 'ok'
          ? mailboxes.value.map((m) => (
              <OwnerRow
                key={`${m.id}:${m.ownerStaffId ?? ''}`}
                api={api}
                mailbox={m}
                staff={staff.value.filter((s) => s.active)}
                onSaved={reload}
              />
            ))
          : null}
      </div>
    </details>
  );
}

function OwnerRow({
  api,
  mailbox,
  staff,
  onSaved,
}: {
  api: CareHomeApi;
  mailbox: { id: string; address: string; ownerStaffId: number | null };
  staff: ReadonlyArray<{ staffId: number; displayName: string }>;
  onSaved: () => void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState(mailbox.ownerStaffId === null ? '' : String(mailbox.ownerStaffId));
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    const r = await api.mail.setOwner({ accountId: mailbox.id, staffId: chosen === '' ? null : Number(chosen) });
    setProblem(r.ok ? null : r.error.message);
    if (r.ok) onSaved();
  };
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        Owner of {mailbox.address}
      </label>
      {problem ? <p className="nhsuk-error-message">{problem}</p> : null}
      <div className="app-mail-search__row">
        <select className="nhsuk-select" id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Nobody (the mailbox stays closed)</option>
          {staff.map((s) => (
            <option key={s.staffId} value={String(s.staffId)}>
              {s.displayName}
            </option>
          ))}
        </select>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void save()}>
          Save owner
        </button>
      </div>
    </div>
  );
}
