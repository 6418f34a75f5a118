/**
 * The demo care home's assessment inbox: one synthetic assessment in each
 * state, read through the same ITK3 parser as a real one, so that the demo
 * shows what a home would see. Synthetic people only (NHS numbers in the 999
 * test range, valid check digits).
 */
import type { AssessmentState } from '../../../common/assessments/assessment';
import { DEFAULT_ASSESSMENT_MAPPING } from '../../../common/assessments/trusted-assessment';
import { nhsNumberCheckDigit } from '../../../common/nhs/nhs-number';
import type { WritableDB } from '../store/database';
import { insertAssessment, insertEvent, setState } from './assessments-repository';
import { exampleTrustedAssessmentMessage } from './itk3/example-message';
import { parseTransferOfCare } from './itk3/transfer-of-care';
import { readTrustedAssessment } from './itk3/trusted-assessment-reader';

const PEOPLE: { given: string; family: string; state: AssessmentState; hoursAgo: number }[] = [
  { given: 'Edith', family: 'Marsh', state: 'new', hoursAgo: 2 },
  { given: 'Harold', family: 'Beaumont', state: 'new', hoursAgo: 30 },
  { given: 'Violet', family: 'Ashworth', state: 'in_review', hoursAgo: 6 },
  { given: 'Stanley', family: 'Okoro', state: 'queried', hoursAgo: 20 },
  { given: 'Irene', family: 'Castle', state: 'accepted', hoursAgo: 48 },
  { given: 'Leonard', family: 'Pryce', state: 'declined', hoursAgo: 72 },
  { given: 'Mabel', family: 'Whitfield', state: 'withdrawn', hoursAgo: 96 },
  { given: 'Cyril', family: 'Dunmore', state: 'expired', hoursAgo: 240 },
];

function demoNhsNumber(i: number): string {
  for (let n = i * 7; ; n++) {
    const firstNine = `999001${String(n).padStart(3, '0')}`;
    const check = nhsNumberCheckDigit(firstNine);
    if (check !== null) return `${firstNine}${check}`;
  }
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Called inside the demo home's set-up transaction. */
export function addDemoAssessments(db: WritableDB, now: Date): void {
  PEOPLE.forEach((p, i) => {
    const received = new Date(now.getTime() - p.hoursAgo * 3_600_000);
    const planned = isoDate(new Date(now.getTime() + (i + 2) * 86_400_000));
    const json = exampleTrustedAssessmentMessage({
      givenName: p.given,
      familyName: p.family,
      nhsNumber: demoNhsNumber(i),
      dateOfBirth: `19${30 + i}-0${(i % 9) + 1}-1${i}`,
      plannedDischargeDate: planned,
      sentAt: received.toISOString(),
    });
    const message = parseTransferOfCare(JSON.stringify(json));
    const at = received.toISOString();
    const id = insertAssessment(db, {
      source: 'demo',
      meshMessageId: null,
      senderMailbox: 'X26ABC1',
      receivedAt: at,
      header: message.header,
      document: message.document,
      assessment: readTrustedAssessment(message.questionnaireResponses[0]!, DEFAULT_ASSESSMENT_MAPPING),
      messageJson: JSON.stringify(json),
    });
    const later = new Date(received.getTime() + 3_600_000).toISOString();
    const nurse = { staffId: null, displayName: 'Demo nurse' };
    const event = (
      kind: Parameters<typeof insertEvent>[2]['kind'],
      extra: { note?: string; reason?: string; admissionDate?: string } = {},
    ) =>
      insertEvent(db, id, {
        kind,
        at: later,
        staff: kind === 'withdrawn' || kind === 'expired' ? null : nurse,
        ...extra,
      });
    if (p.state === 'new') return;
    event('review_started');
    if (p.state === 'queried')
      event('queried', { note: 'Is the pressure ulcer on the heel healing, and who is supplying the dressings?' });
    if (p.state === 'accepted') event('accepted', { admissionDate: planned });
    if (p.state === 'declined')
      event('declined', {
        reason: 'equipment_not_ready',
        note: 'The bariatric bed cannot arrive before the planned date.',
      });
    if (p.state === 'withdrawn') event('withdrawn', { note: 'The hospital found a nursing home nearer the family.' });
    if (p.state === 'expired') event('expired');
    setState(db, id, p.state, later);
  });
}
