/**
 * District nursing visits on the resident's timeline: one entry a visit, with
 * who came and what they did, read from the visits stored on this laptop.
 */
import { ACTION_STATUS_LABELS, type NursingVisit } from '../../../common/nursing/visit';
import type { TimelineEntry } from '../../../common/residents/timeline';
import type { TimelineSource } from '../residents/timeline';
import { storedState, visitsOf } from './nursing-repository';

export const nursingTimelineSource: TimelineSource = {
  name: 'district nursing',
  entries(reader, residentId, limit) {
    const source = storedState(reader, residentId).source?.name ?? 'District nursing team';
    return visitsOf(reader, residentId)
      .slice(0, limit)
      .map((visit) => visitEntry(visit, source));
  },
};

function visitEntry(visit: NursingVisit, source: string): TimelineEntry {
  const who = [visit.nurse, visit.team].filter(Boolean).join(', ');
  const actions = visit.actions.map((a) => `${a.description} (${ACTION_STATUS_LABELS[a.status].toLowerCase()})`);
  return {
    entryId: `nursing_visit:${visit.sourceId}`,
    kind: 'nursing_visit',
    occurredAt: visit.start,
    title: visit.reason ? `District nurse visit: ${visit.reason}` : 'District nurse visit',
    detail:
      [who ? `Seen by ${who}.` : null, actions.length ? `Actions: ${actions.join('; ')}.` : null]
        .filter(Boolean)
        .join(' ')
        .slice(0, 4000) || null,
    source,
    recordedBy: null,
    link: { to: 'nursing_visit', visitId: visit.sourceId },
  };
}
