/**
 * The trend of NEWS2 totals, oldest to newest, drawn as SVG by React: no
 * chart library, no inline styles (the CSP forbids them; SVG presentation
 * attributes are not styles). The resident's reference score is a dashed
 * line; the RCP thresholds 5 and 7 are marked. A table of the same numbers
 * follows for screen readers and for anyone who prefers numbers.
 */
import type { ObservationSet } from '../../../../common/triage/observations';
import { formatDateTime } from '../../components/format';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 40, right: 16, top: 12, bottom: 28 };
const MAX = 20;

export function TrendChart({ sets, reference }: { sets: readonly ObservationSet[]; reference: number | null }) {
  const points = [...sets].reverse();
  if (points.length === 0) return <p>No observations have been recorded yet.</p>;
  const x = (i: number) =>
    PAD.left + (points.length === 1 ? 0 : (i * (WIDTH - PAD.left - PAD.right)) / (points.length - 1));
  const y = (score: number) => PAD.top + ((MAX - score) * (HEIGHT - PAD.top - PAD.bottom)) / MAX;
  const line = points.map((p, i) => `${x(i)},${y(p.news2.total)}`).join(' ');
  return (
    <figure className="app-trend">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`NEWS2 trend: ${points.map((p) => p.news2.total).join(', ')}, oldest first`}
      >
        {[0, 5, 7, 10, 15, 20].map((score) => (
          <g key={score}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(score)} y2={y(score)} stroke="#d8dde0" />
            <text x={PAD.left - 8} y={y(score) + 4} textAnchor="end" fontSize="12" fill="#4c6272">
              {score}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(5)} y2={y(5)} stroke="#ffb81c" strokeWidth="2" />
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(7)} y2={y(7)} stroke="#d5281b" strokeWidth="2" />
        {reference !== null ? (
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(reference)}
            y2={y(reference)}
            stroke="#005eb8"
            strokeDasharray="6 4"
          />
        ) : null}
        <polyline points={line} fill="none" stroke="#212b32" strokeWidth="3" />
        {points.map((p, i) => (
          <circle key={p.observationSetId} cx={x(i)} cy={y(p.news2.total)} r="5" fill="#212b32" />
        ))}
      </svg>
      <figcaption className="nhsuk-body-s">
        NEWS2 totals, oldest on the left. Amber line: 5 (urgent response). Red line: 7 (emergency response).
        {reference !== null ? ` Dashed blue line: this resident’s usual score (${reference}).` : ''}
      </figcaption>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Earlier observations</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Taken</th>
            <th scope="col">NEWS2</th>
            <th scope="col">Change from usual</th>
            <th scope="col">Taken by</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {sets.map((set) => (
            <tr key={set.observationSetId}>
              <td>{formatDateTime(set.takenAt)}</td>
              <td>{set.news2.total}</td>
              <td>{changeText(set.changeFromReference)}</td>
              <td>{set.recordedBy.displayName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export function changeText(change: number | null): string {
  if (change === null) return 'No usual score recorded';
  if (change === 0) return 'Same as usual';
  return change > 0 ? `${change} higher than usual` : `${-change} lower than usual`;
}
