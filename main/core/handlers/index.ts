/**
 * One handler per channel of the contract, gathered from each domain's file.
 * `Handlers` is a Record over every channel name, so a channel without a
 * handler is a compile error here.
 */
import type { Handlers } from '../dispatcher';
import type { Services } from '../services';
import { createFoundationHandlers } from './foundation';
import { createRecordsHandlers } from './records';
import { createResidentsHandlers } from './residents';
import { createNursingHandlers } from './nursing';
import { createTriageHandlers } from './triage';
import { createMailHandlers } from './mail';
import { createAssessmentsHandlers } from './assessments';

export function createHandlers(services: Services): Handlers {
  return {
    ...createFoundationHandlers(services),
    ...createRecordsHandlers(services),
    ...createResidentsHandlers(services),
    ...createNursingHandlers(services),
    ...createTriageHandlers(services),
    ...createMailHandlers(services),
    ...createAssessmentsHandlers(services),
  };
}
