/**
 * The handlers of the residents' channels (common/ipc/channels/residents.ts).
 * Each receives a request the dispatcher has already validated, from a session
 * it has already checked.
 */
import type { residentsChannels } from '../../../common/ipc/channels/residents';
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import { actor } from './actor';

export function createResidentsHandlers(services: Services): Pick<Handlers, keyof typeof residentsChannels> {
  const residents = () => services.open().residents;
  return {
    'residents.list': ({ search }, { session }) => residents().list(actor(session), search),
    'residents.get': ({ residentId }, { session }) => residents().get(actor(session), residentId),
    'residents.photo': ({ residentId }, { session }) => residents().photo(actor(session), residentId),
    'residents.timeline': ({ residentId, limit }, { session }) =>
      services.open().timeline.list(actor(session), residentId, limit),
    'residents.admit': (request, { session }) => residents().add(actor(session), request, 'current'),
    'residents.addProspective': (request, { session }) => residents().add(actor(session), request, 'prospective'),
    'residents.admitProspective': ({ residentId, room }, { session }) =>
      residents().admitProspective(actor(session), residentId, room),
    'residents.recordLeaving': ({ residentId, reason, leftOn }, { session }) =>
      residents().recordLeaving(actor(session), residentId, reason, leftOn),
    'residents.recordAccessBasis': (request, { session }) => residents().recordAccessBasis(actor(session), request),
  };
}
