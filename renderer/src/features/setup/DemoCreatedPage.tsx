/** After creating the demo care home: who can sign in, with which demo PIN. */
import { ROLE_LABELS, type DemoHomeCreated } from '../../../../common/ipc/types';
import { plural } from '../../components/format';
import { usePageTitle } from '../../components/Frame';
import { WarningCallout } from '../../components/panels';

export const DEMO_CREATED_HEADING = 'Your demo care home is ready';

export function DemoCreatedPage({ demo, onContinue }: { demo: DemoHomeCreated; onContinue: () => void }) {
  usePageTitle(DEMO_CREATED_HEADING);
  return (
    <>
      <h1>{DEMO_CREATED_HEADING}</h1>
      <p className="nhsuk-lede-text">
        {demo.careHomeName} has {plural(demo.residentCount, 'made-up resident', 'made-up residents')}. Sign in as any of
        these staff members with their demo PIN to see what each role can do.
      </p>
      <table className="nhsuk-table app-table">
        <caption className="nhsuk-table__caption">Demo staff members and their PINs</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Name
            </th>
            <th scope="col" className="nhsuk-table__header">
              Role
            </th>
            <th scope="col" className="nhsuk-table__header">
              Demo PIN
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {demo.staff.map((member) => (
            <tr className="nhsuk-table__row" key={member.staffId}>
              <th scope="row" className="nhsuk-table__header app-table__row-header">
                {member.displayName}
              </th>
              <td className="nhsuk-table__cell">{ROLE_LABELS[member.role]}</td>
              <td className="nhsuk-table__cell">
                <code className="app-code app-pin">{member.demoPin}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <WarningCallout heading="Only for trying things out">
        <p>These PINs are shown to everyone, so the demo is not private. Do not enter real people's details in it.</p>
      </WarningCallout>
      <button type="button" className="nhsuk-button" onClick={onContinue}>
        Go to sign in
      </button>
    </>
  );
}
