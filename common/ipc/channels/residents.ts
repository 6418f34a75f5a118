/**
 * The channels of residents: the list and its search, one resident, admitting
 * (or adding a prospective resident), recording that a resident left, their
 * photo, their timeline, and the recorded basis for reading their GP record.
 */
import { z } from 'zod';
import { channel, NURSES_AND_MANAGERS } from '../channel';
import { ResidentId } from '../types';
import {
  CalendarDate,
  LeavingReason,
  NewAccessBasis,
  NewResident,
  ResidentDetails,
  ResidentPhoto,
  ResidentSummary,
  Room,
} from '../../residents/resident';
import { ResidentTimelinePage } from '../../residents/timeline';

const ByResident = z.object({ residentId: ResidentId }).strict();

export const residentsChannels = {
  // Everyone in the home's records (current, prospective and former): the page shows them apart.
  'residents.list': channel({
    request: z.object({ search: z.string().max(100).optional() }).strict(),
    response: z.array(ResidentSummary),
    access: 'signedIn',
  }),
  'residents.get': channel({ request: ByResident, response: ResidentDetails, access: 'signedIn' }),
  'residents.photo': channel({ request: ByResident, response: ResidentPhoto.nullable(), access: 'signedIn' }),
  // What happened to the resident and what was filed against them, from every part of the app, newest first.
  'residents.timeline': channel({
    request: z.object({ residentId: ResidentId, limit: z.number().int().min(1).max(500).optional() }).strict(),
    response: ResidentTimelinePage,
    access: 'signedIn',
  }),

  'residents.admit': channel({ request: NewResident, response: ResidentDetails, access: NURSES_AND_MANAGERS }),
  'residents.addProspective': channel({
    request: NewResident,
    response: ResidentDetails,
    access: NURSES_AND_MANAGERS,
  }),
  // A prospective resident moves in: nothing is typed again (the room may be given now).
  'residents.admitProspective': channel({
    request: z.object({ residentId: ResidentId, room: Room.optional() }).strict(),
    response: ResidentDetails,
    access: NURSES_AND_MANAGERS,
  }),
  // Discharge or death: the resident becomes a former resident, kept and read-only.
  'residents.recordLeaving': channel({
    request: z.object({ residentId: ResidentId, reason: LeavingReason, leftOn: CalendarDate }).strict(),
    response: ResidentDetails,
    access: NURSES_AND_MANAGERS,
  }),
  // The basis for reading the GP record (consent or best-interest decision): no basis, no fetch.
  'residents.recordAccessBasis': channel({
    request: NewAccessBasis,
    response: ResidentDetails,
    access: NURSES_AND_MANAGERS,
  }),
};
