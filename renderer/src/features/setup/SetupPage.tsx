/**
 * First run: set up this care home (its name, ODS code, and the first home
 * manager with their PIN), or explore a demo care home instead.
 */
import { NewSecretFields } from '../../components/NewSecretFields';
import { useState, type FormEvent } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { IpcError } from '../../../../common/ipc/result';
import type { DemoHomeCreated, PolicyProblem, SessionInfo } from '../../../../common/ipc/types';
import { ErrorSummary, errorFor, type FormError } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { usePageTitle } from '../../components/Frame';
import { PolicyProblemsPanel } from '../../components/panels';
import { checkName, checkNewSecret, checkOdsCode, present } from '../../components/validation';

export const SETUP_HEADING = 'Set up this care home';

const F = {
  careHomeName: 'care-home-name',
  odsCode: 'ods-code',
  managerName: 'manager-name',
  secret: 'manager-secret',
  secretAgain: 'manager-secret-again',
} as const;

export function SetupPage({
  api,
  policyProblems,
  onCreated,
  onDemoCreated,
}: {
  api: CareHomeApi;
  policyProblems: readonly PolicyProblem[];
  onCreated: (session: SessionInfo) => void;
  onDemoCreated: (demo: DemoHomeCreated) => void;
}) {
  usePageTitle(SETUP_HEADING);
  const [careHomeName, setCareHomeName] = useState('');
  const [odsCode, setOdsCode] = useState('');
  const [managerName, setManagerName] = useState('');
  const [secret, setSecret] = useState('');
  const [secretAgain, setSecretAgain] = useState('');
  const [errors, setErrors] = useState<readonly FormError[]>([]);
  const [busy, setBusy] = useState(false);

  function refused(error: IpcError) {
    setErrors([{ message: error.message }]);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = [
      ...present([
        checkName(F.careHomeName, careHomeName, 'Enter the name of the care home'),
        checkOdsCode(F.odsCode, odsCode),
        checkName(F.managerName, managerName, "Enter the home manager's full name"),
      ]),
      ...checkNewSecret(
        { fieldId: F.secret, value: secret, whenEmpty: 'Create a PIN or passphrase for the home manager' },
        { fieldId: F.secretAgain, value: secretAgain, whenEmpty: 'Enter the PIN or passphrase again' },
      ),
    ];
    if (found.length > 0) {
      setErrors(found);
      if (found.some((e) => e.fieldId === F.secret || e.fieldId === F.secretAgain)) {
        setSecret('');
        setSecretAgain('');
      }
      return;
    }
    setBusy(true);
    const result = await api.setup.createCareHome({
      careHomeName,
      odsCode: odsCode.trim() === '' ? undefined : odsCode,
      managerName,
      managerSecret: secret,
    });
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else refused(result.error);
  }

  async function explore() {
    if (busy) return;
    setBusy(true);
    const result = await api.setup.createDemoCareHome();
    setBusy(false);
    if (result.ok) onDemoCreated(result.value);
    else refused(result.error);
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <PolicyProblemsPanel problems={policyProblems} />
      <h1>{SETUP_HEADING}</h1>
      <p className="nhsuk-lede-text">
        Care Home Desktop has not been used on this laptop yet. Set it up for your care home, or explore a demo care
        home first to see how it works.
      </p>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <form noValidate onSubmit={submit} aria-labelledby="setup-form-heading">
            <h2 id="setup-form-heading">Your care home</h2>
            <TextField
              id={F.careHomeName}
              label="Care home name"
              value={careHomeName}
              onChange={setCareHomeName}
              error={errorFor(errors, F.careHomeName)}
              autoComplete="organization"
              spellCheck
            />
            <TextField
              id={F.odsCode}
              label="ODS code (optional)"
              hint="The care home's Organisation Data Service code, for example VM123. You can find it on your CQC registration or ask your IT provider."
              value={odsCode}
              onChange={setOdsCode}
              error={errorFor(errors, F.odsCode)}
              width={10}
              code
            />
            <h2>The first home manager</h2>
            <p>This person can add other staff members and change settings.</p>
            <TextField
              id={F.managerName}
              label="Home manager's full name"
              value={managerName}
              onChange={setManagerName}
              error={errorFor(errors, F.managerName)}
              autoComplete="name"
              spellCheck
            />
            <NewSecretFields
              ids={{ secret: F.secret, again: F.secretAgain }}
              labels={{ secret: 'Create a PIN or passphrase', again: 'Enter the PIN or passphrase again' }}
              secret={secret}
              again={secretAgain}
              onSecret={setSecret}
              onAgain={setSecretAgain}
              errors={errors}
            />
            <button type="submit" className="nhsuk-button" aria-disabled={busy || undefined}>
              Set up care home
            </button>
          </form>
        </div>
        <div className="nhsuk-grid-column-one-third">
          <section className="nhsuk-card nhsuk-card--feature app-demo-card" aria-labelledby="demo-heading">
            <div className="nhsuk-card__content nhsuk-card__content--feature">
              <h2 className="nhsuk-card__heading nhsuk-card__heading--feature" id="demo-heading">
                Not ready yet?
              </h2>
              <p className="nhsuk-card__description">
                Try Care Home Desktop with a made-up care home, residents and staff. Nothing in the demo is about real
                people.
              </p>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary app-button--wide"
                onClick={explore}
                aria-disabled={busy || undefined}
              >
                Explore a demo care home
              </button>
            </div>
          </section>
        </div>
      </div>
    </>
  );
}
