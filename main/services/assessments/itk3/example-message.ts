/**
 * A synthetic ITK3 trusted assessment message (FHIR STU3 JSON), for the tests,
 * the demo hospital and anyone wiring a hospital system to the home: a message
 * bundle (ITK003D-shaped header, handling extension) around a document with
 * PRSB sections and the trusted assessment as a QuestionnaireResponse. No
 * real person: the NHS number is from the synthetic 999 range.
 */
import { randomUUID } from 'node:crypto';
import { TRUSTED_ASSESSMENT_QUESTIONNAIRE } from '../../../../common/assessments/trusted-assessment';

export interface ExampleOptions {
  readonly nhsNumber?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly dateOfBirth?: string;
  readonly plannedDischargeDate?: string;
  readonly sentAt?: string;
  readonly busAckRequested?: boolean;
  readonly infAckRequested?: boolean;
  readonly sourceEndpoint?: string;
  /** Fixed ids give a byte-identical message (for files checked in); random otherwise. */
  readonly ids?: () => string;
}

const section = (title: string, code: string, html: string) => ({
  title,
  code: { coding: [{ system: 'http://snomed.info/sct', code, display: title }] },
  text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${html}</div>` },
});

const str = (linkId: string, text: string, value: string) => ({ linkId, text, answer: [{ valueString: value }] });

export function exampleTrustedAssessmentMessage(options: ExampleOptions = {}): Record<string, unknown> {
  const id = options.ids ?? randomUUID;
  const [messageId, headerId, documentId, compositionId, patientId, hospitalId, wardId, encounterId, assessorId, qrId] =
    Array.from({ length: 10 }, () => id());
  const urn = (u: string | undefined) => `urn:uuid:${u}`;
  const given = options.givenName ?? 'Edith';
  const family = options.familyName ?? 'Marsh';
  const planned = options.plannedDischargeDate ?? '2026-12-04';
  const sentAt = options.sentAt ?? '2026-11-30T09:15:00+00:00';
  const assessment = {
    resourceType: 'QuestionnaireResponse',
    id: qrId,
    questionnaire: { reference: TRUSTED_ASSESSMENT_QUESTIONNAIRE },
    status: 'completed',
    authored: sentAt,
    author: { reference: urn(assessorId) },
    subject: { reference: urn(patientId) },
    item: [
      {
        ...str(
          'mobility',
          'Mobility and transfers',
          'Walks 10 metres with a frame and one carer. Transfers bed to chair with standing aid.',
        ),
        item: [
          {
            linkId: 'mobility.equipment',
            text: 'Equipment',
            answer: [{ valueString: 'Walking frame' }, { valueString: 'Sara Stedy standing aid' }],
          },
        ],
      },
      str('falls', 'Falls', 'Two falls on the ward at night, going to the toilet alone.'),
      { linkId: 'falls.risk-level', text: 'Falls risk', answer: [{ valueCoding: { code: 'high', display: 'High' } }] },
      str('continence', 'Continence', 'Continent of bowels; occasional urinary incontinence at night, uses pads.'),
      str(
        'nutrition',
        'Nutrition and swallowing',
        'IDDSI level 6 soft and bite-sized diet, level 0 thin fluids. Needs prompting to drink.',
      ),
      str(
        'skin',
        'Skin and pressure areas',
        'Category 2 pressure ulcer on left heel, dressed every 2 days by district nurse. Repositioning 4-hourly at night.',
      ),
      str(
        'cognition',
        'Cognition',
        'Mixed dementia. Oriented to person, not to place or time. Settles with reassurance.',
      ),
      str(
        'capacity',
        'Mental capacity and DoLS',
        'Lacks capacity to decide where to live (assessment 26 November 2026).',
      ),
      {
        linkId: 'capacity.dols-in-place',
        text: 'DoLS authorisation in place or applied for',
        answer: [{ valueBoolean: true }],
      },
      str('communication', 'Communication', 'Hard of hearing: hearing aid in right ear. Wears glasses.'),
      str('behaviour', 'Behaviour', 'Can become distressed in the late afternoon; responds to music and a quiet room.'),
      str(
        'medication-support',
        'Medication support',
        'Needs all medicines given. Apixaban started this admission. Crushed tablets are not suitable.',
      ),
      str(
        'end-of-life',
        'End-of-life wishes',
        'Wishes to stay in the care home rather than return to hospital if unwell.',
      ),
      { linkId: 'end-of-life.respect-form', text: 'ReSPECT form completed', answer: [{ valueBoolean: true }] },
      {
        linkId: 'end-of-life.resuscitation',
        text: 'Resuscitation status',
        answer: [{ valueCoding: { code: 'dnacpr', display: 'DNACPR in place' } }],
      },
      {
        linkId: 'discharge.equipment',
        text: 'Equipment needed for discharge',
        answer: [{ valueString: 'Pressure-relieving mattress' }, { valueString: 'Sensor mat' }],
      },
      { linkId: 'discharge.planned-date', text: 'Planned discharge date', answer: [{ valueDate: planned }] },
      str(
        'hospital.notes',
        'Anything else the home should know',
        'Daughter (Susan) visits daily and would like a call before discharge.',
      ),
    ],
  };
  const document = {
    resourceType: 'Bundle',
    id: documentId,
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/ITK-Document-Bundle-1'] },
    identifier: { system: 'https://tools.ietf.org/html/rfc4122', value: documentId },
    type: 'document',
    entry: [
      {
        fullUrl: urn(compositionId),
        resource: {
          resourceType: 'Composition',
          id: compositionId,
          status: 'final',
          type: { coding: [{ system: 'http://snomed.info/sct', code: '373942005', display: 'Discharge summary' }] },
          subject: { reference: urn(patientId) },
          encounter: { reference: urn(encounterId) },
          date: sentAt,
          author: [{ reference: urn(assessorId) }],
          title: 'Trusted assessment',
          custodian: { reference: urn(hospitalId) },
          section: [
            section(
              'Admission details',
              '886781000000108',
              '<table><tr><th>Reason for admission</th><td>Fall at home with fractured left wrist</td></tr></table>',
            ),
            section(
              'Diagnoses',
              '887161000000102',
              '<p>Fracture of distal radius (left). Atrial fibrillation (new).</p>',
            ),
            section('Procedures', '887171000000109', '<p>Closed reduction and cast, left wrist.</p>'),
            section(
              'Medications and medical devices',
              '933361000000108',
              '<p>Apixaban 5 mg twice a day started for atrial fibrillation. Aspirin stopped (replaced by apixaban).</p>',
            ),
            section('Allergies and adverse reactions', '886921000000105', '<p>Penicillin: rash.</p>'),
            section('Safety alerts', '886931000000107', '<p>Risk of falls at night.</p>'),
            section(
              'Social context',
              '887051000000101',
              '<p>Widowed. Daughter is next of kin and holds lasting power of attorney for health and welfare.</p>',
            ),
            section(
              'Plan and requested actions',
              '887201000000105',
              '<p>District nurse to review heel. Fracture clinic in 2 weeks.</p>',
            ),
            section(
              'Person completing record',
              '887231000000104',
              '<p>Sam Okafor, trusted assessor, Discharge Hub</p>',
            ),
            section(
              'Hospital discharge team notes',
              '1052951000000105',
              '<p>Transport booked for the morning of discharge.</p>',
            ),
          ],
        },
      },
      {
        fullUrl: urn(patientId),
        resource: {
          resourceType: 'Patient',
          id: patientId,
          identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: options.nhsNumber ?? '9990000026' }],
          name: [{ use: 'official', family, given: [given] }],
          birthDate: options.dateOfBirth ?? '1938-05-14',
        },
      },
      {
        fullUrl: urn(hospitalId),
        resource: {
          resourceType: 'Organization',
          id: hospitalId,
          identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RX1' }],
          name: 'Riverside General Hospital',
        },
      },
      { fullUrl: urn(wardId), resource: { resourceType: 'Location', id: wardId, name: 'Ward 7 (Elderly Care)' } },
      {
        fullUrl: urn(encounterId),
        resource: {
          resourceType: 'Encounter',
          id: encounterId,
          status: 'in-progress',
          location: [{ location: { reference: urn(wardId) } }],
          serviceProvider: { reference: urn(hospitalId) },
        },
      },
      {
        fullUrl: urn(assessorId),
        resource: { resourceType: 'Practitioner', id: assessorId, name: [{ family: 'Okafor', given: ['Sam'] }] },
      },
      { fullUrl: urn(qrId), resource: assessment },
    ],
  };
  const handling = (url: string, value: boolean) => ({ url, valueBoolean: value });
  return {
    resourceType: 'Bundle',
    id: messageId,
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/ITK-Message-Bundle-1'] },
    identifier: { value: messageId },
    type: 'message',
    entry: [
      {
        fullUrl: urn(headerId),
        resource: {
          resourceType: 'MessageHeader',
          id: headerId,
          extension: [
            {
              url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-ITK-MessageHandling-2',
              extension: [
                handling('BusAckRequested', options.busAckRequested ?? true),
                handling('InfAckRequested', options.infAckRequested ?? true),
                {
                  url: 'RecipientType',
                  valueCoding: {
                    system: 'https://fhir.nhs.uk/STU3/CodeSystem/ITK-RecipientType-1',
                    code: 'FA',
                    display: 'For Action',
                  },
                },
                { url: 'SenderReference', valueString: 'NULL' },
                { url: 'LocalExtension', valueString: 'NULL' },
              ],
            },
          ],
          event: {
            system: 'https://fhir.nhs.uk/STU3/CodeSystem/ITK-MessageEvent-2',
            code: 'ITK003D',
            display: 'ITK eDischarge',
          },
          timestamp: sentAt,
          source: { endpoint: options.sourceEndpoint ?? 'X26ABC1' },
          focus: [{ reference: urn(documentId) }],
        },
      },
      { fullUrl: urn(documentId), resource: document },
    ],
  };
}
