/**
 * District nursing visits for the demo care home: the synthetic R4 resources
 * go through the same parser and store as a real refresh, marked as demo
 * data, so a person can see the timeline and today's list with no NHS
 * connection.
 */
import type { WritableDB } from '../store/database';
import { currentNursingResidents, storeFetchedVisits } from './nursing-repository';
import { parseVisits } from './parse-visits';
import { syntheticNursingResources } from './synthetic-visits';

export const DEMO_NURSING_SOURCE = 'Demo community nursing team (made-up visits)';

/** Runs inside the demo set-up transaction, after the residents are in. */
export function addDemoNursingVisits(db: WritableDB, now: Date): void {
  currentNursingResidents(db).forEach((resident, index) => {
    const { visits } = parseVisits(syntheticNursingResources(resident.nhsNumber, now, index));
    storeFetchedVisits(db, {
      residentId: resident.residentId,
      since: new Date(0).toISOString(),
      visits,
      withdrawn: [],
      source: { name: DEMO_NURSING_SOURCE, address: null, fetchedAt: now.toISOString() },
    });
  });
}
