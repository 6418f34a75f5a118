/**
 * The handlers of district nursing (common/ipc/channels/nursing.ts). The
 * service audits every view and every refresh.
 */
import type { nursingChannels } from '../../../common/ipc/channels/nursing';
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import { actor } from './actor';

export function createNursingHandlers(services: Services): Pick<Handlers, keyof typeof nursingChannels> {
  const nursing = () => services.open().nursing;
  return {
    'nursing.timeline': ({ residentId }, { session }) => nursing().timeline(actor(session), residentId),
    'nursing.today': (_request, { session }) => nursing().today(actor(session)),
    'nursing.refresh': async ({ residentId }, { session }) => ({
      results: await nursing().refresh(actor(session), residentId),
    }),
  };
}
