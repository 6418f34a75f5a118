/**
 * A resident's timeline: one list, newest first, of what happened to them and
 * what was filed against them, from every part of the app (district nursing
 * visits, mail filed to them, trusted assessments and their decisions, SBARD
 * handovers and call outcomes). Each part of the app contributes its own
 * entries from its own tables (a `TimelineSource` in main), so nothing is
 * copied and nothing can drift. Pure: no Node, DOM or Electron.
 */
import { z } from 'zod';

const ShortText = z.string().max(500);
const IsoTime = z.string().max(40);

/** What an entry is; the renderer words and icons each kind. Add a kind here when a new part of the app adds entries. */
export const TIMELINE_ENTRY_KINDS = [
  'nursing_visit',
  'mail_message',
  'mail_attachment',
  'assessment',
  'assessment_decision',
  'observations',
  'handover_decision',
  'call',
] as const;
export const TimelineEntryKind = z.enum(TIMELINE_ENTRY_KINDS);
export type TimelineEntryKind = z.infer<typeof TimelineEntryKind>;

/** What the entry opens, if anything: the renderer turns it into a link to the right screen. */
export const TimelineLink = z.discriminatedUnion('to', [
  z.object({ to: z.literal('nursing_visit'), visitId: ShortText }).strict(),
  z.object({ to: z.literal('mail_message'), messageId: z.number().int().positive() }).strict(),
  z
    .object({
      to: z.literal('mail_attachment'),
      messageId: z.number().int().positive(),
      attachmentId: z.number().int().positive(),
    })
    .strict(),
  z.object({ to: z.literal('assessment'), assessmentId: z.number().int().positive() }).strict(),
  z.object({ to: z.literal('observations'), setId: z.number().int().positive() }).strict(),
  z.object({ to: z.literal('handover'), handoverId: z.number().int().positive() }).strict(),
]);
export type TimelineLink = z.infer<typeof TimelineLink>;

export const TimelineEntry = z
  .object({
    /** Unique across sources: `<kind>:<the source's own id>`. */
    entryId: z.string().min(1).max(200),
    kind: TimelineEntryKind,
    /** When it happened (a visit's start, a decision's time, when mail was filed). */
    occurredAt: IsoTime,
    /** One line in plain words: "District nurse visit: wound dressing changed". */
    title: ShortText,
    /** A few more lines of plain text, or null. */
    detail: z.string().max(4000).nullable(),
    /** Where it came from, shown with the entry: "District nursing team (shared care record)", "NHSmail from …". */
    source: ShortText,
    /** The staff member who filed or decided it, when someone in the home did. */
    recordedBy: ShortText.nullable(),
    link: TimelineLink.nullable(),
  })
  .strict();
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ResidentTimelinePage = z
  .object({
    residentId: z.number().int().positive(),
    entries: z.array(TimelineEntry),
    /** More, older entries exist beyond `limit`. */
    more: z.boolean(),
    /** Parts of the app whose entries could not be read this time ("district nursing"): the screen says so. */
    unreadable: z.array(ShortText),
  })
  .strict();
export type ResidentTimelinePage = z.infer<typeof ResidentTimelinePage>;

export const TIMELINE_DEFAULT_LIMIT = 100;
