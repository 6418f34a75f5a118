/** One district nursing visit: when, who, why, notes, actions with their status, measurements, and its source and age. */
import {
  ACTION_STATUS_LABELS,
  type NursingActionStatus,
  type NursingSource,
  type NursingVisit,
} from '../../../../common/nursing/visit';
import { clockTime, formatAge, isStale, visitDay } from './age';

const TAG_COLOURS: Partial<Record<NursingActionStatus, string>> = {
  completed: 'nhsuk-tag--green',
  'in-progress': 'nhsuk-tag--blue',
  'on-hold': 'nhsuk-tag--yellow',
  cancelled: 'nhsuk-tag--grey',
  rejected: 'nhsuk-tag--red',
  failed: 'nhsuk-tag--red',
  'entered-in-error': 'nhsuk-tag--grey',
};

type Level = 2 | 3 | 4;
const HEADINGS = { 2: 'h2', 3: 'h3', 4: 'h4', 5: 'h5' } as const;

export function VisitCard({
  visit,
  source,
  now,
  staleAfterHours,
  title,
  headingLevel,
}: {
  visit: NursingVisit;
  source: NursingSource;
  now: string;
  staleAfterHours: number;
  /** What the card is called (it carries the reason for the visit): with the resident's name on the home-wide list. */
  title: string;
  headingLevel: Level;
}) {
  const Heading = HEADINGS[headingLevel];
  const Sub = HEADINGS[(headingLevel + 1) as 3 | 4 | 5];
  const when = `${visitDay(visit.start, now)}, ${clockTime(visit.start)}${visit.end ? ` to ${clockTime(visit.end)}` : ''}`;
  const who = [visit.nurse, visit.team].filter(Boolean).join(', ');
  const stale = isStale(source.fetchedAt, now, staleAfterHours);
  return (
    <li className="nhsuk-card app-visit">
      <div className="nhsuk-card__content">
        <Heading className="nhsuk-card__heading nhsuk-heading-s">{title}</Heading>
        <p className="app-visit__meta">
          {when}
          {who ? <> &middot; {who}</> : null}
          {visit.status === 'cancelled' ? (
            <>
              {' '}
              <strong className="nhsuk-tag nhsuk-tag--grey">Visit cancelled</strong>
            </>
          ) : null}
        </p>
        {visit.notes.length > 0 ? (
          <>
            <Sub className="nhsuk-heading-xs">Notes</Sub>
            {visit.notes.map((note, i) => (
              <p key={i}>
                {note.text}
                {note.author ? <span className="app-visit__meta"> ({note.author})</span> : null}
              </p>
            ))}
          </>
        ) : null}
        {visit.actions.length > 0 ? (
          <>
            <Sub className="nhsuk-heading-xs">Actions</Sub>
            <ul className="app-visit__actions">
              {visit.actions.map((action) => (
                <li key={action.sourceId}>
                  <strong className={`nhsuk-tag ${TAG_COLOURS[action.status] ?? 'nhsuk-tag--white'}`}>
                    {ACTION_STATUS_LABELS[action.status]}
                  </strong>
                  {action.description}
                  {action.notes.map((note, i) => (
                    <span key={i} className="app-visit__meta">
                      {' '}
                      – {note.text}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {visit.observations.length > 0 ? (
          <>
            <Sub className="nhsuk-heading-xs">Measurements</Sub>
            <dl className="nhsuk-summary-list app-visit__measurements">
              {visit.observations.map((o) => (
                <div className="nhsuk-summary-list__row" key={o.sourceId}>
                  <dt className="nhsuk-summary-list__key">{o.name}</dt>
                  <dd className="nhsuk-summary-list__value">
                    {o.value}
                    {o.unit ? ` ${o.unit}` : ''}
                  </dd>
                </div>
              ))}
            </dl>
          </>
        ) : null}
        <p className="app-visit__source">
          From {source.name}, updated {formatAge(source.fetchedAt, now)}.
          {stale ? (
            <>
              {' '}
              <strong className="nhsuk-tag nhsuk-tag--orange">Out of date</strong>
            </>
          ) : null}
        </p>
      </div>
    </li>
  );
}
