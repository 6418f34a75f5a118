/** The residents list: search, each resident's allergy flag and GP record age; prospective and former residents apart. */
import { useState } from 'react';
import type { CareHomeApi } from '../../../../common/ipc/client';
import type { ResidentSummary } from '../../../../common/residents/resident';
import { matchesResidentSearch } from '../../../../common/residents/search';
import { Forbidden } from '../../components/Forbidden';
import { formatDateOfBirth, formatNhsNumber, plural } from '../../components/format';
import { usePageTitle } from '../../components/Frame';
import { ErrorPanel, Loading, SuccessBanner } from '../../components/panels';
import { forbiddenAmong } from '../../components/useLoad';
import { ageInWords, minutesSince } from './record-age';
import { residentsHref } from './residents-path';
import { useLoadAtOnce } from './use-load-at-once';

export const RESIDENTS_HEADING = 'Residents';

export function ResidentListPage({ api, canAdmit }: { api: CareHomeApi; canAdmit: boolean }) {
  usePageTitle(RESIDENTS_HEADING);
  const [residents, reload] = useLoadAtOnce(() => api.residents.list({}));
  const [search, setSearch] = useState('');
  const [admitted, setAdmitted] = useState<string | null>(null);
  const refusal = forbiddenAmong(residents);
  if (refusal) return <Forbidden message={refusal.message} />;

  const all = residents.status === 'ok' ? residents.value : [];
  const found = all.filter((r) => matchesResidentSearch(r, search));
  const current = found.filter((r) => r.status === 'current');
  const prospective = found.filter((r) => r.status === 'prospective');
  const former = found.filter((r) => r.status === 'former');

  async function admit(resident: ResidentSummary) {
    const result = await api.residents.admitProspective({ residentId: resident.residentId });
    if (result.ok) {
      setAdmitted(`${result.value.displayName} has been admitted and is now a current resident.`);
      reload();
    }
  }

  return (
    <>
      {admitted ? <SuccessBanner message={admitted} /> : null}
      <h1>{RESIDENTS_HEADING}</h1>
      <div className="app-residents-toolbar">
        <form className="app-residents-search" role="search" onSubmit={(e) => e.preventDefault()}>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="resident-search">
              Search by name, room or NHS number
            </label>
            <input
              className="nhsuk-input nhsuk-input--width-20"
              id="resident-search"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        </form>
        {canAdmit ? (
          <a className="nhsuk-button app-residents-toolbar__admit" href={residentsHref({ page: 'admit' })}>
            Admit a resident
          </a>
        ) : null}
      </div>
      {residents.status === 'loading' ? <Loading what="residents" /> : null}
      {residents.status === 'error' ? <ErrorPanel error={residents.error} onRetry={reload} /> : null}
      {residents.status === 'ok' && all.length === 0 ? <p>There are no residents recorded yet.</p> : null}
      {residents.status === 'ok' && all.length > 0 && found.length === 0 ? (
        <p role="status">No resident matches “{search}”.</p>
      ) : null}
      {current.length > 0 ? (
        <ResidentTable caption={plural(current.length, 'current resident', 'current residents')} residents={current} />
      ) : null}
      {prospective.length > 0 ? (
        <ResidentTable
          caption={`Prospective residents (${prospective.length}): being assessed before they move in`}
          residents={prospective}
          onAdmit={canAdmit ? admit : undefined}
        />
      ) : null}
      {former.length > 0 ? (
        <details className="nhsuk-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Former residents ({former.length})</span>
          </summary>
          <div className="nhsuk-details__text">
            <p>Residents who have left or died. Their records are kept, and cannot be changed.</p>
            <ResidentTable caption="Former residents" residents={former} />
          </div>
        </details>
      ) : null}
    </>
  );
}

function AllergyFlag({ resident }: { resident: ResidentSummary }) {
  switch (resident.allergies) {
    case 'recorded':
      return (
        <strong className="nhsuk-tag nhsuk-tag--red app-allergy-flag">
          Allergies: {resident.allergyNames.join(', ')}
        </strong>
      );
    case 'none_known':
      return <span>No known allergies</span>;
    case 'not_known':
      return <span className="app-secondary-text">Not known yet</span>;
  }
}

function RecordAgeCell({ resident }: { resident: ResidentSummary }) {
  if (resident.gpRecordUpdatedAt) return <>{ageInWords(minutesSince(resident.gpRecordUpdatedAt))}</>;
  if (!resident.hasAccessBasis) return <span className="app-secondary-text">Basis for access not recorded</span>;
  return <span className="app-secondary-text">Not fetched yet</span>;
}

function ResidentTable({
  caption,
  residents,
  onAdmit,
}: {
  caption: string;
  residents: readonly ResidentSummary[];
  onAdmit?: ((resident: ResidentSummary) => void) | undefined;
}) {
  const former = residents[0]?.status === 'former';
  return (
    <table className="nhsuk-table app-table app-residents-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">{caption}</caption>
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
          <th scope="col" className="nhsuk-table__header">
            Allergies
          </th>
          <th scope="col" className="nhsuk-table__header">
            {former ? 'Left' : 'GP record updated'}
          </th>
          {onAdmit ? (
            <th scope="col" className="nhsuk-table__header">
              <span className="nhsuk-u-visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {residents.map((resident) => (
          <tr className="nhsuk-table__row" key={resident.residentId}>
            <th scope="row" className="nhsuk-table__header app-table__row-header">
              <a href={residentsHref({ page: 'summary', residentId: resident.residentId, section: null })}>
                {resident.displayName}
              </a>
            </th>
            <td className="nhsuk-table__cell">{resident.room}</td>
            <td className="nhsuk-table__cell app-nowrap">{formatNhsNumber(resident.nhsNumber)}</td>
            <td className="nhsuk-table__cell app-nowrap">{formatDateOfBirth(resident.dateOfBirth)}</td>
            <td className="nhsuk-table__cell">
              <AllergyFlag resident={resident} />
            </td>
            <td className="nhsuk-table__cell">
              {former ? (
                `${resident.leftReason === 'died' ? 'Died' : 'Discharged'} ${formatDateOfBirth(resident.leftAt ?? '')}`
              ) : (
                <RecordAgeCell resident={resident} />
              )}
            </td>
            {onAdmit ? (
              <td className="nhsuk-table__cell">
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary app-table-button"
                  onClick={() => onAdmit(resident)}
                >
                  Admit<span className="nhsuk-u-visually-hidden"> {resident.displayName}</span>
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
