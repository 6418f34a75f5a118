/** The residents of the care home: name, room, NHS number and date of birth. */
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { Resident } from '../../../../common/ipc/types';
import { Forbidden } from '../../components/Forbidden';
import { formatDateOfBirth, formatNhsNumber, plural } from '../../components/format';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading } from '../../components/panels';
import { forbiddenAmong, useLoad } from '../../components/useLoad';

export const RESIDENTS_HEADING = 'Residents';

const STATUS_TAGS: Record<Resident['status'], { label: string; colour: string } | null> = {
  current: null,
  prospective: { label: 'Moving in', colour: 'nhsuk-tag--blue' },
  former: { label: 'Left', colour: 'nhsuk-tag--grey' },
};

export function ResidentsPage({ api }: { api: CareHomeApi }) {
  usePageTitle(RESIDENTS_HEADING);
  const [residents, reload] = useLoad(() => api.residents.list());
  const refusal = forbiddenAmong(residents);
  if (refusal) return <Forbidden message={refusal.message} />;

  return (
    <>
      <h1>{RESIDENTS_HEADING}</h1>
      {residents.status === 'loading' ? <Loading what="residents" /> : null}
      {residents.status === 'error' ? <ErrorPanel error={residents.error} onRetry={reload} /> : null}
      {residents.status === 'ok' && residents.value.length === 0 ? <p>There are no residents recorded yet.</p> : null}
      {residents.status === 'ok' && residents.value.length > 0 ? (
        <table className="nhsuk-table app-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">
            {plural(residents.value.length, 'resident', 'residents')}
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Name
              </th>
              <th scope="col" className="nhsuk-table__header">
                Room
              </th>
              <th scope="col" className="nhsuk-table__header">
                NHS number
              </th>
              <th scope="col" className="nhsuk-table__header">
                Date of birth
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {residents.value.map((resident) => {
              const tag = STATUS_TAGS[resident.status];
              return (
                <tr className="nhsuk-table__row" key={resident.residentId}>
                  <th scope="row" className="nhsuk-table__header app-table__row-header">
                    {resident.displayName}
                    {tag ? (
                      <>
                        {' '}
                        <strong className={`nhsuk-tag ${tag.colour}`}>{tag.label}</strong>
                      </>
                    ) : null}
                  </th>
                  <td className="nhsuk-table__cell">{resident.room}</td>
                  <td className="nhsuk-table__cell app-nowrap">{formatNhsNumber(resident.nhsNumber)}</td>
                  <td className="nhsuk-table__cell app-nowrap">{formatDateOfBirth(resident.dateOfBirth)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
