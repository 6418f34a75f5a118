/**
 * The items of the GP record as lists a care worker reads: each with its
 * source (practice, author) and date.
 */
import type { ReactNode } from 'react';
import type { RecordSection } from '../../../../common/ipc/channels/records';
import type { ItemSource, Investigation, Medication, Problem } from '../../../../common/records/gp-record';
import { formatDateOfBirth } from '../../components/format';

/** A FHIR date as people read it: "3 March 2024", or "2019" when only the year is known. */
export function readableDate(value: string | null): string {
  if (!value) return 'date not recorded';
  return formatDateOfBirth(value.slice(0, 10));
}

export function SourceLine({ source, date }: { source: ItemSource; date?: string | null }) {
  const who = [source.practitioner, source.organisation].filter(Boolean).join(', ');
  return (
    <p className="app-item-source">
      {readableDate(date ?? source.recordedAt)}
      {who ? ` · ${who}` : ' · source not recorded'}
    </p>
  );
}

function Item({
  title,
  children,
  source,
  date,
}: {
  title: ReactNode;
  children?: ReactNode;
  source: ItemSource;
  date?: string | null;
}) {
  return (
    <li className="app-record-item">
      <h3 className="app-record-item__title">{title}</h3>
      {children}
      <SourceLine source={source} date={date ?? null} />
    </li>
  );
}

export function MedicationList({ items }: { items: readonly Medication[] }) {
  return (
    <ul className="app-record-list">
      {items.map((m) => (
        <Item key={m.id} title={m.name} source={m.source} date={m.lastIssued ?? m.started}>
          {m.dosage ? <p className="app-record-item__detail">{m.dosage}</p> : null}
          <p className="app-record-item__detail app-secondary-text">
            {m.status === 'current' ? 'Current' : `Stopped ${m.ended ? readableDate(m.ended) : ''}`}
            {m.prescriptionType ? ` · ${m.prescriptionType}` : ''}
          </p>
        </Item>
      ))}
    </ul>
  );
}

export function ProblemList({ items }: { items: readonly Problem[] }) {
  return (
    <ul className="app-record-list">
      {items.map((p) => (
        <Item key={p.id} title={p.name} source={p.source} date={p.onset ?? p.source.recordedAt}>
          <p className="app-record-item__detail app-secondary-text">
            {p.status === 'active' ? 'Active' : 'Past'}
            {p.significance ? ` · ${p.significance === 'major' ? 'Major' : 'Minor'}` : ''}
          </p>
        </Item>
      ))}
    </ul>
  );
}

export function InvestigationList({ items }: { items: readonly Investigation[] }) {
  return (
    <ul className="app-record-list">
      {items.map((r) => (
        <Item key={r.id} title={r.name} source={r.source} date={r.date}>
          {r.results.length > 0 ? (
            <ul className="app-results">
              {r.results.map((result, i) => (
                <li key={i}>
                  {result.name}: <strong>{[result.value, result.unit].filter(Boolean).join(' ') || 'no value'}</strong>
                  {result.range ? ` (normal ${result.range})` : ''}
                  {result.interpretation ? ` · ${result.interpretation}` : ''}
                </li>
              ))}
            </ul>
          ) : null}
        </Item>
      ))}
    </ul>
  );
}

export function SectionItems({ section }: { section: RecordSection }) {
  if (section.items.length === 0) return <p>Nothing is recorded in this section of the GP record.</p>;
  switch (section.section) {
    case 'medications':
      return <MedicationList items={section.items} />;
    case 'problems':
      return <ProblemList items={section.items} />;
    case 'investigations':
      return <InvestigationList items={section.items} />;
    case 'allergies':
      return (
        <ul className="app-record-list">
          {section.items.map((a) => (
            <Item key={a.id} title={a.substance} source={a.source} date={a.onset ?? a.source.recordedAt}>
              <p className="app-record-item__detail">
                {a.reactions.length > 0 ? `Reaction: ${a.reactions.join(', ')}` : 'Reaction not recorded'}
                {a.severity ? ` · ${a.severity}` : ''} · {a.status === 'active' ? 'Active' : 'Resolved'}
              </p>
            </Item>
          ))}
        </ul>
      );
    case 'immunisations':
      return (
        <ul className="app-record-list">
          {section.items.map((i) => (
            <Item key={i.id} title={i.vaccine} source={i.source} date={i.date}>
              {!i.given ? <p className="app-record-item__detail">Not given</p> : null}
            </Item>
          ))}
        </ul>
      );
    case 'consultations':
      return (
        <ul className="app-record-list">
          {section.items.map((c) => (
            <Item key={c.id} title={c.type ?? 'Consultation'} source={c.source} date={c.date}>
              {c.entries.map((e, n) => (
                <p className="app-record-item__detail" key={n}>
                  {e.heading ? <strong>{e.heading}: </strong> : null}
                  {e.text}
                </p>
              ))}
            </Item>
          ))}
        </ul>
      );
    case 'referrals':
      return (
        <ul className="app-record-list">
          {section.items.map((r) => (
            <Item key={r.id} title={r.reason ?? 'Referral'} source={r.source} date={r.date}>
              <p className="app-record-item__detail">
                {[r.to ? `To ${r.to}` : null, r.priority, r.status].filter(Boolean).join(' · ')}
              </p>
            </Item>
          ))}
        </ul>
      );
    case 'documents':
      return (
        <ul className="app-record-list">
          {section.items.map((d) => (
            <Item key={d.id} title={d.title} source={d.source} date={d.date}>
              <p className="app-record-item__detail app-secondary-text">{d.type ?? d.contentType ?? 'Document'}</p>
            </Item>
          ))}
        </ul>
      );
  }
}
