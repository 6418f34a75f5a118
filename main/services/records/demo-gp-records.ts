/**
 * Full synthetic GP records for the demo care home, built as GP Connect STU3
 * bundles (in the shape of the public GP Connect examples) and stored through
 * the same parser and store as a real refresh, so every screen can be
 * explored with no NHS connection. Every person, practice and value here is
 * invented. The sandbox server serves the same bundles.
 */
import type { WritableDB } from '../store/database';
import { parseStructuredRecord } from './gp-connect/structured-parser';
import { saveDocumentBinary, saveGpRecord } from './gp-record-store';

export const DEMO_ENDPOINT = 'demo: made-up GP records (no NHS connection)';

const SCT = 'http://snomed.info/sct';
const code = (display: string, c = '0') => ({ coding: [{ system: SCT, code: c, display }] });
const listCode = (c: string, display: string) => code(display, c);

const ALLERGENS = [
  ['Penicillin', 'Rash'],
  ['Latex', 'Itching'],
  ['Codeine', 'Vomiting'],
  ['Peanut', 'Anaphylaxis'],
  ['Trimethoprim', 'Swollen lips'],
] as const;
const MEDICINES = [
  ['Amlodipine 5mg tablets', 'One tablet once a day'],
  ['Ramipril 2.5mg capsules', 'One capsule each morning'],
  ['Metformin 500mg tablets', 'One tablet twice a day with food'],
  ['Donepezil 10mg tablets', 'One tablet at night'],
  ['Atorvastatin 20mg tablets', 'One tablet at night'],
  ['Paracetamol 500mg tablets', 'Two tablets up to four times a day when needed'],
  ['Laxido oral powder sachets', 'One sachet daily in water'],
  ['Furosemide 40mg tablets', 'One tablet each morning'],
] as const;
const PROBLEMS = [
  'Alzheimer disease',
  'Essential hypertension',
  'Type 2 diabetes mellitus',
  'Osteoarthritis of knee',
  'Atrial fibrillation',
  'Chronic kidney disease stage 3',
  'Heart failure',
] as const;

export interface DemoPatient {
  readonly nhsNumber: string;
  readonly displayName: string;
  readonly dateOfBirth: string;
  readonly seed: number;
}

/** A deterministic synthetic structured record for one demo resident. */
export function demoStructuredBundle(p: DemoPatient): Record<string, unknown> {
  const s = p.seed;
  const practiceOds = s % 2 === 0 ? 'Y90002' : 'Y90001';
  const entries: Array<Record<string, unknown>> = [];
  const add = (resource: Record<string, unknown>) => entries.push({ resource });
  const [given, ...family] = p.displayName.split(' ');
  add({
    resourceType: 'Patient',
    id: 'patient',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: p.nhsNumber }],
    name: [{ use: 'official', family: family.join(' '), given: [given] }],
    birthDate: p.dateOfBirth,
    managingOrganization: { reference: 'Organization/practice' },
  });
  add({
    resourceType: 'Organization',
    id: 'practice',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: practiceOds }],
    name: s % 2 === 0 ? 'Riverside Medical Centre (demo)' : 'Meadowbank Surgery (demo)',
  });
  add({
    resourceType: 'Practitioner',
    id: 'gp',
    name: [{ family: s % 3 === 0 ? 'Rahman' : 'Whitfield', given: [s % 3 === 0 ? 'Aisha' : 'Helen'], prefix: ['Dr'] }],
  });
  add({
    resourceType: 'PractitionerRole',
    id: 'gp-role',
    practitioner: { reference: 'Practitioner/gp' },
    organization: { reference: 'Organization/practice' },
  });
  const by = { reference: 'PractitionerRole/gp-role' };
  const year = (ago: number) => String(2025 - ago);

  // Allergies: some residents have none known, which GP Connect says with an empty List.
  const allergyRefs: unknown[] = [];
  const allergyCount = s % 4 === 0 ? 0 : (s % 3) + 1;
  for (let i = 0; i < allergyCount; i++) {
    const [substance, reaction] = ALLERGENS[(s + i) % ALLERGENS.length]!;
    add({
      resourceType: 'AllergyIntolerance',
      id: `allergy-${i}`,
      clinicalStatus: 'active',
      verificationStatus: 'confirmed',
      code: code(substance),
      assertedDate: `${year(10 + i)}-03-1${i}`,
      recorder: by,
      reaction: [{ manifestation: [code(reaction)], severity: substance === 'Peanut' ? 'severe' : 'moderate' }],
    });
    allergyRefs.push({ item: { reference: `AllergyIntolerance/allergy-${i}` } });
  }
  add({
    resourceType: 'List',
    id: 'allergies',
    status: 'current',
    mode: 'snapshot',
    title: 'Allergies and adverse reactions',
    code: listCode('886921000000105', 'Allergies and adverse reaction'),
    entry: allergyRefs,
    ...(allergyCount === 0 ? { emptyReason: { coding: [{ code: 'nil-known', display: 'Nil Known' }] } } : {}),
  });

  // Medicines: four current, two past, each with its plan (prescription type) and Medication.
  const medRefs: unknown[] = [];
  for (let i = 0; i < 6; i++) {
    const [name, dose] = MEDICINES[(s + i) % MEDICINES.length]!;
    const current = i < 4;
    add({ resourceType: 'Medication', id: `med-${i}`, code: code(name) });
    add({
      resourceType: 'MedicationRequest',
      id: `plan-${i}`,
      intent: 'plan',
      status: current ? 'active' : 'completed',
      medicationReference: { reference: `Medication/med-${i}` },
      recorder: by,
      dispenseRequest: {
        quantity: {
          extension: [
            {
              url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationQuantityText-1',
              valueString: '28 tablet',
            },
          ],
        },
      },
      extension: [
        {
          url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescriptionType-1',
          valueCodeableConcept: { coding: [{ code: i % 2 ? 'acute' : 'repeat', display: i % 2 ? 'Acute' : 'Repeat' }] },
        },
      ],
    });
    add({
      resourceType: 'MedicationStatement',
      id: `statement-${i}`,
      status: current ? 'active' : 'completed',
      basedOn: [{ reference: `MedicationRequest/plan-${i}` }],
      medicationReference: { reference: `Medication/med-${i}` },
      effectivePeriod: { start: `${year(3 + i)}-0${(i % 8) + 1}-02`, ...(current ? {} : { end: `${year(1)}-02-01` }) },
      dateAsserted: `${year(3 + i)}-0${(i % 8) + 1}-02`,
      dosage: [{ text: dose }],
      extension: [
        {
          url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1',
          valueDateTime: `${year(current ? 0 : 1)}-01-1${i}`,
        },
      ],
    });
    medRefs.push({ item: { reference: `MedicationStatement/statement-${i}` } });
  }
  add({
    resourceType: 'List',
    id: 'medications',
    status: 'current',
    mode: 'snapshot',
    title: 'Medications and medical devices',
    code: listCode('933361000000108', 'Medications and medical devices'),
    entry: medRefs,
  });

  // Problems: three active (one major), one significant past.
  const problemRefs: unknown[] = [];
  for (let i = 0; i < 4; i++) {
    add({
      resourceType: 'Condition',
      id: `problem-${i}`,
      clinicalStatus: i < 3 ? 'active' : 'resolved',
      code: code(PROBLEMS[(s + i) % PROBLEMS.length]!),
      onsetDateTime: `${year(8 - i)}-06-15`,
      assertedDate: `${year(8 - i)}-06-15`,
      asserter: { reference: 'Practitioner/gp' },
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-ProblemSignificance-1',
          valueCode: i === 0 || i === 3 ? 'major' : 'minor',
        },
      ],
    });
    problemRefs.push({ item: { reference: `Condition/problem-${i}` } });
  }
  add({
    resourceType: 'List',
    id: 'problems',
    status: 'current',
    mode: 'snapshot',
    title: 'Problems',
    code: listCode('717711000000103', 'Problems'),
    entry: problemRefs,
  });

  // Immunisations.
  const vaccines = ['Seasonal influenza vaccination', 'COVID-19 vaccination', 'Pneumococcal vaccination'];
  vaccines.forEach((vaccine, i) =>
    add({
      resourceType: 'Immunization',
      id: `imm-${i}`,
      status: 'completed',
      notGiven: false,
      vaccineCode: { text: vaccine },
      date: `${year(i)}-10-0${i + 1}`,
      practitioner: [{ actor: { reference: 'Practitioner/gp' } }],
    }),
  );

  // Investigations: a full blood count and kidney function.
  const tests: Array<[string, string, number, number, number, string]> = [
    ['fbc', 'Haemoglobin', 118 + (s % 20), 115, 165, 'g/L'],
    ['fbc', 'White cell count', 6.1 + (s % 4), 4, 11, '10*9/L'],
    ['fbc', 'Platelet count', 210 + s * 3, 150, 400, '10*9/L'],
    ['ue', 'Sodium', 136 + (s % 6), 133, 146, 'mmol/L'],
    ['ue', 'Potassium', 4.1, 3.5, 5.3, 'mmol/L'],
    ['ue', 'eGFR', 48 + (s % 30), 60, 120, 'mL/min/1.73m2'],
  ];
  tests.forEach(([report, name, value, low, high, unit], i) =>
    add({
      resourceType: 'Observation',
      id: `obs-${i}`,
      status: 'final',
      code: code(name),
      valueQuantity: { value: Math.round(value * 10) / 10, unit },
      referenceRange: [{ low: { value: low }, high: { value: high } }],
      ...(value < low ? { interpretation: { text: 'Low' } } : {}),
      related: [{ type: 'derived-from', target: { reference: `DiagnosticReport/${report}` } }],
    }),
  );
  add({
    resourceType: 'DiagnosticReport',
    id: 'fbc',
    status: 'final',
    code: code('Full blood count'),
    issued: `${year(0)}-0${(s % 6) + 1}-14T11:00:00+00:00`,
    performer: [{ actor: { reference: 'Organization/practice' } }],
    result: [0, 1, 2].map((i) => ({ reference: `Observation/obs-${i}` })),
  });
  add({
    resourceType: 'DiagnosticReport',
    id: 'ue',
    status: 'final',
    code: code('Urea and electrolytes'),
    issued: `${year(0)}-0${(s % 6) + 1}-14T11:00:00+00:00`,
    performer: [{ actor: { reference: 'Organization/practice' } }],
    result: [3, 4, 5].map((i) => ({ reference: `Observation/obs-${i}` })),
  });

  // A consultation: a home visit, with what was recorded under its headings.
  add({
    resourceType: 'Encounter',
    id: 'visit',
    status: 'finished',
    type: [{ text: 'Home visit' }],
    participant: [{ type: [{ coding: [{ code: 'PPRF' }] }], individual: { reference: 'Practitioner/gp' } }],
    period: { start: `${year(0)}-0${(s % 6) + 1}-10T10:30:00+00:00` },
  });
  add({
    resourceType: 'Observation',
    id: 'visit-history',
    status: 'final',
    code: code('History'),
    valueString: 'Seen at the care home. More tired than usual this week; eating and drinking well.',
    context: { reference: 'Encounter/visit' },
  });
  add({
    resourceType: 'Observation',
    id: 'visit-plan',
    status: 'final',
    code: code('Plan'),
    valueString: 'Blood tests taken. Staff to encourage fluids; review in two weeks.',
    context: { reference: 'Encounter/visit' },
  });
  add({
    resourceType: 'List',
    id: 'visit-topic-history',
    title: 'History',
    code: listCode('24781000000107', 'Category (EHR)'),
    entry: [{ item: { reference: 'Observation/visit-history' } }],
  });
  add({
    resourceType: 'List',
    id: 'visit-topic-plan',
    title: 'Plan',
    code: listCode('24781000000107', 'Category (EHR)'),
    entry: [{ item: { reference: 'Observation/visit-plan' } }],
  });
  add({
    resourceType: 'List',
    id: 'visit-consultation',
    title: 'Home visit',
    code: listCode('325851000000107', 'Consultation'),
    encounter: { reference: 'Encounter/visit' },
    entry: [{ item: { reference: 'List/visit-topic-history' } }, { item: { reference: 'List/visit-topic-plan' } }],
  });

  // A referral.
  add({
    resourceType: 'ReferralRequest',
    id: 'referral',
    status: 'active',
    intent: 'order',
    priority: 'routine',
    authoredOn: `${year(0)}-0${(s % 6) + 1}-10`,
    requester: { agent: { reference: 'Practitioner/gp' } },
    recipient: [{ display: 'Community falls service (demo)' }],
    description: 'Two falls in the last month; please assess mobility and home safety.',
  });

  // A document: a discharge letter, whose file is kept in the store (see seedDemoGpRecords).
  add({
    resourceType: 'DocumentReference',
    id: 'letter',
    status: 'current',
    type: { text: 'Discharge letter' },
    description: 'Hospital discharge letter (demo)',
    created: `${year(1)}-11-20T09:00:00+00:00`,
    indexed: `${year(1)}-11-21T09:00:00+00:00`,
    custodian: { reference: 'Organization/practice' },
    content: [{ attachment: { contentType: 'application/pdf', url: 'https://demo.invalid/Binary/letter', size: 0 } }],
  });

  return { resourceType: 'Bundle', id: `demo-${s}`, type: 'collection', entry: entries };
}

/** A one-page PDF saying what it is: the demo documents' file, so the viewer has something real to show. */
export function demoLetterPdf(name: string): Buffer {
  const text = `Demo discharge letter for ${name.replace(/[()\\]/g, '')}. Made-up data.`;
  const content = `BT /F1 14 Tf 50 780 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/**
 * Runs inside the demo set-up transaction, after the residents are in: every resident gets a stored
 * GP record (through the real parser and store) and an opened document, so it opens offline.
 */
export function seedDemoGpRecords(db: WritableDB, now: Date): void {
  const residents = db
    .prepare("SELECT id, nhs_number, given_name, family_name, date_of_birth FROM resident WHERE status != 'former'")
    .all() as Array<{ id: number; nhs_number: string; given_name: string; family_name: string; date_of_birth: string }>;
  residents.forEach((r, index) => {
    const displayName = `${r.given_name} ${r.family_name}`;
    const bundle = demoStructuredBundle({
      nhsNumber: r.nhs_number,
      displayName,
      dateOfBirth: r.date_of_birth,
      seed: r.id,
    });
    const record = parseStructuredRecord(bundle, { nhsNumber: r.nhs_number });
    // Ages vary, so the demo shows both a fresh record and one older than the policy's limit.
    const fetchedAt = new Date(now.getTime() - (index % 3 === 2 ? 30 : 2 + index) * 3600_000).toISOString();
    saveGpRecord(db, {
      residentId: r.id,
      record,
      rawBundle: JSON.stringify(bundle),
      provenance: {
        fetchedAt,
        endpoint: DEMO_ENDPOINT,
        practiceName: record.practice.name,
        practiceOdsCode: record.practice.odsCode,
      },
      fetchedByStaffId: null,
    });
    saveDocumentBinary(db, r.id, 'letter', {
      contentType: 'application/pdf',
      content: demoLetterPdf(displayName),
      fetchedAt,
    });
  });
}
