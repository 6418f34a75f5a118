/**
 * The channels of the trusted assessment inbox: the list, one assessment
 * (opening a new one starts its review), and the decision, which only nurses
 * and managers may make. Care assistants can read but not decide.
 */
import { z } from 'zod';
import { channel, NURSES_AND_MANAGERS } from '../channel';
import { AssessmentDecision, AssessmentDetails, AssessmentId, AssessmentInbox } from '../../assessments/assessment';

export const assessmentsChannels = {
  'assessments.list': channel({
    request: z.object({}).strict(),
    response: AssessmentInbox,
    access: 'signedIn',
  }),
  'assessments.get': channel({
    request: z.object({ assessmentId: AssessmentId }).strict(),
    response: AssessmentDetails,
    access: 'signedIn',
  }),
  'assessments.decide': channel({
    request: AssessmentDecision,
    response: AssessmentDetails,
    access: NURSES_AND_MANAGERS,
  }),
};
