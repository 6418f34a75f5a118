/**
 * Staff: everyone who can sign in, with their role and whether their account is
 * active or locked. Home managers can add staff members, disable and enable
 * accounts, reset PINs and unlock locked accounts. IT administrators can see the
 * list; main refuses them any change, and the refusal is shown if it comes.
 */
import { NewSecretFields } from '../../components/NewSecretFields';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { IpcError, Result } from '../../../../common/ipc/result';
import { ROLE_LABELS, Role, type RoleName, type SessionInfo, type StaffMember } from '../../../../common/ipc/types';
import { useDraft } from '../../components/drafts';
import { ErrorSummary, errorFor, type FormError } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { Forbidden } from '../../components/Forbidden';
import { activeLockUntil, formatTimeOfDay } from '../../components/format';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading, SuccessBanner } from '../../components/panels';
import { forbiddenAmong, useLoad } from '../../components/useLoad';
import { checkName, checkNewSecret, present } from '../../components/validation';

export const STAFF_HEADING = 'Staff';

const ADD = {
  name: 'new-staff-name',
  role: 'new-staff-role',
  secret: 'new-staff-secret',
  again: 'new-staff-secret-again',
};
const RESET = { secret: 'reset-secret', again: 'reset-secret-again' };

const ROLE_OPTIONS = Role.options.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface AddDraft {
  displayName: string;
  role: RoleName | '';
}

export function StaffPage({ api, session }: { api: CareHomeApi; session: SessionInfo }) {
  usePageTitle(STAFF_HEADING);
  const [staff, reload] = useLoad(() => api.staff.list());
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [success, setSuccess] = useState<string | null>(null);
  const [resetting, setResetting] = useState<StaffMember | null>(null);
  const canChange = session.role === 'manager';

  const refusal = forbiddenAmong(staff);
  if (refusal) return <Forbidden message={refusal.message} />;

  function done(message: string) {
    setErrors([]);
    setSuccess(message);
    reload();
  }

  function refused(error: IpcError) {
    setSuccess(null);
    setErrors([{ message: error.message }]);
  }

  function invalid(found: FormError[]) {
    setSuccess(null);
    setErrors(found);
  }

  async function act(call: Promise<Result<StaffMember>>, describe: (member: StaffMember) => string) {
    const result = await call;
    if (result.ok) done(describe(result.value));
    else refused(result.error);
  }

  const members = staff.status === 'ok' ? staff.value : [];
  return (
    <>
      {success ? <SuccessBanner message={success} /> : null}
      <ErrorSummary errors={errors} />
      <h1>{STAFF_HEADING}</h1>
      <p>Everyone who can sign in to Care Home Desktop on this laptop.</p>
      {staff.status === 'loading' ? <Loading what="staff members" /> : null}
      {staff.status === 'error' ? <ErrorPanel error={staff.error} onRetry={reload} /> : null}
      {staff.status === 'ok' ? (
        <table className="nhsuk-table app-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">Staff members</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Name
              </th>
              <th scope="col" className="nhsuk-table__header">
                Role
              </th>
              <th scope="col" className="nhsuk-table__header">
                Account
              </th>
              {canChange ? (
                <th scope="col" className="nhsuk-table__header">
                  Actions
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {members.map((member) => {
              const lockedUntil = activeLockUntil(member.lockedUntil);
              const isMe = member.staffId === session.staffId;
              return (
                <tr className="nhsuk-table__row" key={member.staffId}>
                  <th scope="row" className="nhsuk-table__header app-table__row-header">
                    {member.displayName}
                    {isMe ? <span className="app-secondary-text"> (you)</span> : null}
                  </th>
                  <td className="nhsuk-table__cell">{ROLE_LABELS[member.role]}</td>
                  <td className="nhsuk-table__cell">
                    <span className="app-tags">
                      {member.active ? (
                        <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>
                      ) : (
                        <strong className="nhsuk-tag nhsuk-tag--grey">Disabled</strong>
                      )}
                      {lockedUntil ? (
                        <strong className="nhsuk-tag nhsuk-tag--red">
                          Locked until {formatTimeOfDay(lockedUntil)}
                        </strong>
                      ) : null}
                    </span>
                  </td>
                  {canChange ? (
                    <td className="nhsuk-table__cell">
                      <div className="app-actions">
                        {lockedUntil ? (
                          <ActionButton
                            verb="Unlock"
                            name={member.displayName}
                            onClick={() =>
                              act(
                                api.staff.unlockAccount({ staffId: member.staffId }),
                                (m) => `${m.displayName}'s account has been unlocked. They can sign in again now.`,
                              )
                            }
                          />
                        ) : null}
                        <ActionButton
                          verb="Reset PIN"
                          joiner="for"
                          name={member.displayName}
                          onClick={() => {
                            setSuccess(null);
                            setErrors([]);
                            setResetting(member);
                          }}
                        />
                        {isMe ? null : member.active ? (
                          <ActionButton
                            verb="Disable"
                            name={member.displayName}
                            onClick={() =>
                              act(
                                api.staff.disable({ staffId: member.staffId }),
                                (m) =>
                                  `${m.displayName}'s account has been disabled. They cannot sign in until it is enabled again.`,
                              )
                            }
                          />
                        ) : (
                          <ActionButton
                            verb="Enable"
                            name={member.displayName}
                            onClick={() =>
                              act(
                                api.staff.enable({ staffId: member.staffId }),
                                (m) => `${m.displayName}'s account has been enabled. They can sign in again.`,
                              )
                            }
                          />
                        )}
                      </div>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}

      {canChange && resetting ? (
        <ResetSecretForm
          key={resetting.staffId}
          member={resetting}
          errors={errors}
          onInvalid={invalid}
          onCancel={() => {
            setErrors([]);
            setResetting(null);
          }}
          onSave={async (secret) => {
            const result = await api.staff.resetSecret({ staffId: resetting.staffId, secret });
            if (result.ok) {
              setResetting(null);
              done(`${result.value.displayName}'s PIN has been changed. Give them the new PIN in private.`);
            } else refused(result.error);
            return result.ok;
          }}
        />
      ) : null}

      {canChange ? (
        <AddStaffForm
          api={api}
          errors={errors}
          onInvalid={invalid}
          onRefused={refused}
          onAdded={(member) =>
            done(
              `${member.displayName} has been added as a ${ROLE_LABELS[member.role].toLowerCase()}. They can sign in now.`,
            )
          }
        />
      ) : (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Only a home manager can add staff members or change their accounts.</p>
        </div>
      )}
    </>
  );
}

function ActionButton({
  verb,
  joiner,
  name,
  onClick,
}: {
  verb: string;
  joiner?: string;
  name: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small app-action"
      onClick={onClick}
    >
      {verb}
      <span className="nhsuk-u-visually-hidden">
        {' '}
        {joiner ? `${joiner} ` : ''}
        {name}
      </span>
    </button>
  );
}

function ResetSecretForm({
  member,
  errors,
  onInvalid,
  onCancel,
  onSave,
}: {
  member: StaffMember;
  errors: readonly FormError[];
  onInvalid: (errors: FormError[]) => void;
  onCancel: () => void;
  onSave: (secret: string) => Promise<boolean>;
}) {
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = checkNewSecret(
      { fieldId: RESET.secret, value: secret, whenEmpty: `Enter a new PIN or passphrase for ${member.displayName}` },
      { fieldId: RESET.again, value: again, whenEmpty: 'Enter the new PIN or passphrase again' },
    );
    if (found.length > 0) {
      setSecret('');
      setAgain('');
      onInvalid(found);
      return;
    }
    setBusy(true);
    const saved = await onSave(secret);
    setBusy(false);
    if (!saved) {
      setSecret('');
      setAgain('');
    }
  }

  return (
    <section className="app-section app-panel" aria-labelledby="reset-heading">
      <h2 id="reset-heading" ref={heading} tabIndex={-1}>
        Reset PIN for {member.displayName}
      </h2>
      <p>Their old PIN or passphrase will stop working. Tell them the new one in private.</p>
      <form noValidate onSubmit={submit}>
        <NewSecretFields
          ids={RESET}
          labels={{ secret: 'New PIN or passphrase', again: 'Enter the new PIN or passphrase again' }}
          secret={secret}
          again={again}
          onSecret={setSecret}
          onAgain={setAgain}
          errors={errors}
        />
        <div className="app-button-group">
          <button type="submit" className="nhsuk-button" aria-disabled={busy || undefined}>
            Save new PIN
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function AddStaffForm({
  api,
  errors,
  onInvalid,
  onRefused,
  onAdded,
}: {
  api: CareHomeApi;
  errors: readonly FormError[];
  onInvalid: (errors: FormError[]) => void;
  onRefused: (error: IpcError) => void;
  onAdded: (member: StaffMember) => void;
}) {
  // Name and role survive the screen locking; the PIN boxes deliberately do not.
  const [draft, setDraft, discardDraft] = useDraft<AddDraft>('staff.add', { displayName: '', role: '' });
  const [secret, setSecret] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = [
      ...present([
        checkName(ADD.name, draft.displayName, "Enter the staff member's full name"),
        draft.role === '' ? { fieldId: ADD.role, message: "Choose the staff member's role" } : null,
      ]),
      ...checkNewSecret(
        { fieldId: ADD.secret, value: secret, whenEmpty: 'Create a PIN or passphrase for the staff member' },
        { fieldId: ADD.again, value: again, whenEmpty: 'Enter the PIN or passphrase again' },
      ),
    ];
    if (found.length > 0) {
      if (found.some((e) => e.fieldId === ADD.secret || e.fieldId === ADD.again)) {
        setSecret('');
        setAgain('');
      }
      onInvalid(found);
      return;
    }
    if (draft.role === '') return;
    setBusy(true);
    const result = await api.staff.add({ displayName: draft.displayName, role: draft.role, secret });
    setBusy(false);
    if (result.ok) {
      discardDraft();
      setSecret('');
      setAgain('');
      onAdded(result.value);
    } else {
      onRefused(result.error);
    }
  }

  return (
    <section className="app-section" aria-labelledby="add-staff-heading">
      <h2 id="add-staff-heading">Add a staff member</h2>
      <form noValidate onSubmit={submit}>
        <TextField
          id={ADD.name}
          label="Full name"
          value={draft.displayName}
          onChange={(displayName) => setDraft((d) => ({ ...d, displayName }))}
          error={errorFor(errors, ADD.name)}
          width={30}
          spellCheck
        />
        <SelectField
          id={ADD.role}
          label="Role"
          hint="Care assistants and nurses see residents. Home managers and IT administrators also see staff and settings."
          value={draft.role}
          onChange={(role) => setDraft((d) => ({ ...d, role: role as RoleName | '' }))}
          options={ROLE_OPTIONS}
          placeholder="Choose a role"
          error={errorFor(errors, ADD.role)}
        />
        <NewSecretFields
          ids={ADD}
          labels={{ secret: 'PIN or passphrase', again: 'Enter the PIN or passphrase again' }}
          secret={secret}
          again={again}
          onSecret={setSecret}
          onAgain={setAgain}
          errors={errors}
        />
        <button type="submit" className="nhsuk-button" aria-disabled={busy || undefined}>
          Add staff member
        </button>
      </form>
    </section>
  );
}
