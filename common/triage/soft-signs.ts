/**
 * The soft signs of deterioration, as RESTORE2 presents them: the "Stop and
 * Watch" early warning tool, which any care assistant can tick against the
 * resident's usual self.
 *
 * RESTORE2™ (Recognise Early Soft-signs, Take Observations, Respond,
 * Escalate) © NHS West Hampshire Clinical Commissioning Group 2019, now
 * Hampshire and Isle of Wight ICB, co-produced with the Wessex Patient Safety
 * Collaborative. Free to use only unaltered: RESTORE2 and its components must
 * not be modified or amended in any way. Stop and Watch comes from the
 * INTERACT programme (Florida Atlantic University), reproduced in RESTORE2
 * with permission. The wording below is kept letter for letter, in the
 * tool's order, and shown with this credit; see docs/triage.md for what was
 * used, the licence terms, and what must be checked before release.
 */
import { z } from 'zod';

export const RESTORE2_CREDIT =
  'Soft signs: “Stop and Watch” early warning tool, as used in RESTORE2™ (Recognise Early Soft-signs, Take Observations, Respond, Escalate). RESTORE2 © NHS West Hampshire Clinical Commissioning Group (now Hampshire and Isle of Wight Integrated Care Board), co-produced with the Wessex Patient Safety Collaborative. Stop and Watch © Florida Atlantic University (INTERACT). Reproduced unaltered. NEWS2 © Royal College of Physicians 2017.';

export const STOP_AND_WATCH = [
  { code: 'seems_different', letter: 'S', text: 'Seems different than usual' },
  { code: 'talks_less', letter: 'T', text: 'Talks or communicates less' },
  { code: 'needs_more_help', letter: 'O', text: 'Overall needs more help' },
  { code: 'pain_or_participated_less', letter: 'P', text: 'Pain – new or worsening; Participated less in activities' },
  { code: 'ate_less', letter: 'A', text: 'Ate less' },
  { code: 'bowels', letter: 'N', text: 'No bowel movement in 3 days; or diarrhoea' },
  { code: 'drank_less', letter: 'D', text: 'Drank less' },
  { code: 'weight_change', letter: 'W', text: 'Weight change' },
  { code: 'agitated', letter: 'A', text: 'Agitated or nervous more than usual' },
  { code: 'tired_weak_confused_drowsy', letter: 'T', text: 'Tired, weak, confused, or drowsy' },
  { code: 'skin_change', letter: 'C', text: 'Change in skin colour or condition' },
  { code: 'help_with_walking', letter: 'H', text: 'Help with walking, transferring, toileting more than usual' },
] as const;

export type SoftSignCode = (typeof STOP_AND_WATCH)[number]['code'];
export const SoftSignCode = z.enum(STOP_AND_WATCH.map((sign) => sign.code) as [SoftSignCode, ...SoftSignCode[]]);

export const NewSoftSignsCheck = z
  .object({
    residentId: z.number().int().positive(),
    signs: z.array(SoftSignCode).max(STOP_AND_WATCH.length),
    /** Anything else that is not the resident's usual self, in the staff member's words. */
    note: z.string().trim().max(1000, 'Notes must be 1000 characters or fewer').optional(),
  })
  .strict()
  .refine((check) => new Set(check.signs).size === check.signs.length, {
    message: 'Each sign can be ticked once',
    path: ['signs'],
  })
  .refine((check) => check.signs.length > 0 || (check.note ?? '').length > 0, {
    message: 'Tick at least one sign, or write what is different about the resident today',
    path: ['signs'],
  });
export type NewSoftSignsCheckInput = z.input<typeof NewSoftSignsCheck>;

export const SoftSignsCheck = z
  .object({
    checkId: z.number().int().positive(),
    residentId: z.number().int().positive(),
    signs: z.array(SoftSignCode),
    note: z.string().nullable(),
    recordedBy: z.object({ staffId: z.number().int().positive(), displayName: z.string() }).strict(),
    recordedAt: z.string(),
  })
  .strict();
export type SoftSignsCheck = z.infer<typeof SoftSignsCheck>;
