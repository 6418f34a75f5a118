/**
 * The resident banner: who this is (name, photo, NHS number, date of birth,
 * room) and their ALLERGIES, kept compact so the allergies are always in view
 * at the top of the screen, whatever the section below.
 */
import type { RecordSummary } from '../../../../common/ipc/channels/records';
import type { ResidentDetails, ResidentPhoto } from '../../../../common/residents/resident';
import { formatDateOfBirth, formatNhsNumber } from '../../components/format';

function ageToday(dateOfBirth: string, now = new Date()): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const birthdayPassed = now.getMonth() + 1 > month || (now.getMonth() + 1 === month && now.getDate() >= day);
  return now.getFullYear() - year - (birthdayPassed ? 0 : 1);
}

function Allergies({ resident, summary }: { resident: ResidentDetails; summary: RecordSummary | null }) {
  const active = summary
    ? summary.allergies.map((a) => `${a.substance}${a.reactions.length ? ` (${a.reactions.join(', ')})` : ''}`)
    : resident.allergyNames;
  const noneKnown = summary ? summary.noKnownAllergies : resident.allergies === 'none_known';
  const hasRecord = summary ? summary.provenance !== null : resident.gpRecordUpdatedAt !== null;
  if (active.length > 0)
    return (
      <div className="app-banner-allergies app-banner-allergies--present" role="region" aria-label="Allergies">
        <strong className="app-banner-allergies__heading">ALLERGIES</strong>
        <span className="app-banner-allergies__list">{active.join('; ')}</span>
      </div>
    );
  return (
    <div className="app-banner-allergies" role="region" aria-label="Allergies">
      <strong className="app-banner-allergies__heading">Allergies</strong>
      <span className="app-banner-allergies__list">
        {noneKnown
          ? 'No known allergies (recorded by the GP)'
          : hasRecord
            ? 'None recorded by the GP. Ask the resident or their family.'
            : 'Not known: no GP record stored yet. Ask the resident or their family.'}
      </span>
    </div>
  );
}

export function ResidentBanner({
  resident,
  photo,
  summary,
}: {
  resident: ResidentDetails;
  photo: ResidentPhoto | null;
  summary: RecordSummary | null;
}) {
  const age = ageToday(resident.dateOfBirth);
  return (
    <section className="app-resident-banner" aria-labelledby="resident-name">
      {photo ? (
        <img
          className="app-resident-banner__photo"
          src={`data:${photo.contentType};base64,${photo.base64}`}
          alt={`Photo of ${resident.displayName}`}
          width={72}
          height={72}
        />
      ) : null}
      <div className="app-resident-banner__who">
        <h1 id="resident-name" className="app-resident-banner__name">
          {resident.displayName}
          {resident.status === 'prospective' ? (
            <strong className="nhsuk-tag nhsuk-tag--blue app-banner-tag">Prospective resident</strong>
          ) : null}
          {resident.status === 'former' ? (
            <strong className="nhsuk-tag nhsuk-tag--grey app-banner-tag">
              {resident.leftReason === 'died' ? 'Died' : 'Discharged'} {formatDateOfBirth(resident.leftAt ?? '')}
            </strong>
          ) : null}
        </h1>
        <dl className="app-resident-banner__facts">
          <div>
            <dt>NHS number</dt>
            <dd className="app-nowrap">{formatNhsNumber(resident.nhsNumber)}</dd>
          </div>
          <div>
            <dt>Born</dt>
            <dd className="app-nowrap">
              {formatDateOfBirth(resident.dateOfBirth)}
              {age !== null ? ` (${age})` : ''}
            </dd>
          </div>
          <div>
            <dt>Room</dt>
            <dd>{resident.room || 'not chosen yet'}</dd>
          </div>
        </dl>
      </div>
      <Allergies resident={resident} summary={summary} />
    </section>
  );
}
