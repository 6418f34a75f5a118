/**
 * The channels of district nursing: a resident's nursing timeline, the
 * home-wide "what the nurses did today" list, and refreshing from the shared
 * care record.
 *
 * Both views read only from the encrypted store, so they work with the
 * broadband down; only `nursing.refresh` goes to the network. Every view is
 * written to the audit log in main.
 */
import { z } from 'zod';
import { channel } from '../channel';
import { ResidentId } from '../types';
import { NursingLastAttempt, NursingSource, NursingVisit } from '../../nursing/visit';

const IsoTime = z.string().max(40);

const ResidentLine = z
  .object({ residentId: ResidentId, displayName: z.string().max(200), room: z.string().max(100) })
  .strict();

export const NursingTimeline = z
  .object({
    resident: ResidentLine,
    /** Null when nothing has been fetched for this resident yet. */
    source: NursingSource.nullable(),
    lastAttempt: NursingLastAttempt.nullable(),
    /** Newest first. */
    visits: z.array(NursingVisit),
    /** Main's clock, so "3 hours ago" agrees with main. */
    now: IsoTime,
    staleAfterHours: z.number().positive(),
  })
  .strict();
export type NursingTimeline = z.infer<typeof NursingTimeline>;

export const NursingTodayEntry = z
  .object({ resident: ResidentLine, source: NursingSource, visit: NursingVisit })
  .strict();
export type NursingTodayEntry = z.infer<typeof NursingTodayEntry>;

export const NursingToday = z
  .object({
    /** The laptop's calendar day, YYYY-MM-DD. */
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Visits that started today, newest first. */
    entries: z.array(NursingTodayEntry),
    /** Residents whose last refresh failed: their visits today may be missing. */
    notUpToDate: z.array(z.object({ resident: ResidentLine, lastAttempt: NursingLastAttempt }).strict()),
    now: IsoTime,
    staleAfterHours: z.number().positive(),
  })
  .strict();
export type NursingToday = z.infer<typeof NursingToday>;

/** Why a refresh did not update a resident's visits; the message says what to do next. */
export const NursingProblemKind = z.enum([
  'no_access_basis', // no consent or best-interest decision recorded for this resident yet
  'not_configured', // the IT provider has not given this laptop the shared care record's address
  'offline', // no connection
  'timeout', // the shared care record did not answer in time
  'refused', // a 4xx answer, usually with an OperationOutcome
  'server_error', // a 5xx answer
  'malformed', // the answer was not the FHIR we expect
]);
export type NursingProblemKind = z.infer<typeof NursingProblemKind>;

export const NursingRefreshResult = z
  .object({
    resident: ResidentLine,
    outcome: z.enum(['updated', 'failed']),
    problem: NursingProblemKind.nullable(),
    /** What happened, in plain English: "3 visits updated" or why it failed and what to do. */
    message: z.string().max(1000),
    /** Visits stored for this resident after the refresh (unchanged when it failed). */
    visitCount: z.number().int().min(0),
  })
  .strict();
export type NursingRefreshResult = z.infer<typeof NursingRefreshResult>;

export const nursingChannels = {
  'nursing.timeline': channel({
    request: z.object({ residentId: ResidentId }).strict(),
    response: NursingTimeline,
    access: 'signedIn',
  }),
  'nursing.today': channel({ request: z.object({}).strict(), response: NursingToday, access: 'signedIn' }),
  // Without a residentId: every current resident, a few at a time.
  'nursing.refresh': channel({
    request: z.object({ residentId: ResidentId.optional() }).strict(),
    response: z.object({ results: z.array(NursingRefreshResult) }).strict(),
    access: 'signedIn',
  }),
};
