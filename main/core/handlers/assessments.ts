/**
 * The handlers of the assessment inbox's channels
 * (common/ipc/channels/assessments.ts); requests are already validated and
 * access already checked by the dispatcher.
 */
import type { assessmentsChannels } from '../../../common/ipc/channels/assessments';
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import { actor } from './actor';

export function createAssessmentsHandlers(services: Services): Pick<Handlers, keyof typeof assessmentsChannels> {
  const assessments = () => services.open().assessments;
  return {
    'assessments.list': (_request, { session }) => assessments().list(actor(session)),
    'assessments.get': ({ assessmentId }, { session }) => assessments().get(actor(session), assessmentId),
    'assessments.decide': (decision, { session }) => assessments().decide(actor(session), decision),
  };
}
