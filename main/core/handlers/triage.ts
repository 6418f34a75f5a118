/**
 * The handlers of crisis triage's channels (common/ipc/channels/triage.ts).
 * The dispatcher has checked the role and validated the request; the service
 * audits every record and every view.
 */
import type { triageChannels } from '../../../common/ipc/channels/triage';
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import { actor } from './actor';

export function createTriageHandlers(services: Services): Pick<Handlers, keyof typeof triageChannels> {
  const triage = () => services.open().triage;
  return {
    'triage.recordObservations': (request, { session }) => triage().recordObservations(actor(session), request),
    'triage.setSpo2Scale': (request, { session }) => triage().setSpo2Scale(actor(session), request),
    'triage.setReferenceScore': (request, { session }) => triage().setReferenceScore(actor(session), request),
    'triage.setEndOfLifePathway': (request, { session }) => triage().setEndOfLifePathway(actor(session), request),
    'triage.history': ({ residentId, limit }, { session }) => triage().history(actor(session), residentId, limit),
    'triage.recordSoftSigns': (request, { session }) => triage().recordSoftSigns(actor(session), request),
  };
}
