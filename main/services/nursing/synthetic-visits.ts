/**
 * Synthetic district nursing visits as FHIR R4 resources, for the demo care
 * home and the test sandbox: the same resources a shared care record would
 * send for an Encounter search with its includes. Every name is invented.
 * Visits are placed relative to `now`, so the demo always has visits today.
 */
import type { BundleEntry, Encounter, Observation, Organization, Practitioner, Resource, Task } from 'fhir/r4';
import { NHS_NUMBER_SYSTEM } from './nursing-client';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

const TEAM: Organization = {
  resourceType: 'Organization',
  id: 'dn-team-north',
  name: 'Northfield Community Nursing Team',
};
const NURSES: Practitioner[] = [
  {
    resourceType: 'Practitioner',
    id: 'dn-nurse-1',
    name: [{ prefix: ['Sister'], given: ['Ruth'], family: 'Adeyemi' }],
  },
  { resourceType: 'Practitioner', id: 'dn-nurse-2', name: [{ given: ['Kevin'], family: 'Moss' }] },
  { resourceType: 'Practitioner', id: 'dn-nurse-3', name: [{ given: ['Aisha'], family: 'Rahman' }] },
];

interface VisitPlan {
  /** Free text only: a reason is read by people, and we do not invent codes. */
  readonly reason: string;
  readonly tasks: ReadonlyArray<[description: string, status: Task['status'], note?: string]>;
  readonly measures: ReadonlyArray<
    [name: string, loinc: string | null, value: number | [number, number], unit: string, ucum: string]
  >;
  readonly note: string;
}

const PLANS: readonly VisitPlan[] = [
  {
    reason: 'Wound care',
    tasks: [
      ['Redressed left leg ulcer with silver dressing', 'completed', 'Wound edges healthy, less exudate.'],
      ['Review wound again in 3 days', 'requested'],
    ],
    measures: [['Wound length', null, 3.2, 'cm', 'cm']],
    note: 'Leg ulcer improving. Please keep leg raised when sitting.',
  },
  {
    reason: 'Blood pressure monitoring',
    tasks: [
      ['Checked blood pressure and pulse', 'completed'],
      ['Asked GP to review blood pressure medicine', 'in-progress', 'Message sent to the practice.'],
    ],
    measures: [
      ['Blood pressure', '85354-9', [148, 88], 'mm[Hg]', 'mm[Hg]'],
      ['Heart rate', '8867-4', 78, 'beats/minute', '/min'],
    ],
    note: 'Blood pressure higher than last week. Staff to report dizziness.',
  },
  {
    reason: 'Diabetes care',
    tasks: [
      ['Gave insulin and checked injection sites', 'completed'],
      ['Teach care staff to record blood sugar before meals', 'completed'],
    ],
    measures: [['Blood glucose', '15074-8', 7.4, 'mmol/L', 'mmol/L']],
    note: 'Blood sugar well controlled.',
  },
  {
    reason: 'Pressure area care',
    tasks: [
      ['Checked heels and sacrum for pressure damage', 'completed', 'Skin intact, slight redness on left heel.'],
      ['Order pressure-relieving mattress', 'requested'],
    ],
    measures: [['Waterlow score', null, 16, 'score', '{score}']],
    note: 'At high risk of pressure sores. Reposition every 2 hours.',
  },
  {
    reason: 'Catheter care',
    tasks: [
      ['Changed urinary catheter', 'completed'],
      ['Bladder scan', 'cancelled', 'Scanner not available.'],
    ],
    measures: [['Body temperature', '8310-5', 36.9, 'degrees C', 'Cel']],
    note: 'Catheter changed without difficulty. Next change due in 12 weeks.',
  },
];

/** Visit times for one resident: today (when the day has begun), and a few in the past weeks. */
function visitTimes(now: Date, seed: number): Date[] {
  const startOfDay = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const sinceMidnight = now.getTime() - startOfDay.getTime();
  // Today's visit is mid-morning when the morning has passed, otherwise part-way through the day so far:
  // never in the future, never yesterday, and not all at the same minute.
  const todayOffset = Math.min(sinceMidnight * (0.4 + 0.1 * (seed % 5)), (9 + (seed % 4)) * 3_600_000);
  const days = [3 + (seed % 3), 10 + (seed % 5), 24 + (seed % 7)];
  return [
    new Date(startOfDay.getTime() + todayOffset),
    ...days.map((d) => new Date(startOfDay.getTime() - d * 86_400_000 + (10 + (seed % 5)) * 3_600_000)),
  ];
}

/**
 * The R4 resources (Encounters, their Tasks and Observations, the nurses and
 * the team) for one resident. `seed` varies the visits between residents;
 * residents whose seed is a multiple of 3 had no visit today.
 */
export function syntheticNursingResources(nhsNumber: string, now: Date, seed: number): Resource[] {
  const patient = { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } };
  const times = visitTimes(now, seed).filter((_, i) => i > 0 || seed % 3 !== 0);
  const resources: Resource[] = [TEAM, ...NURSES];
  times.forEach((start, i) => {
    const plan = PLANS[(seed + i) % PLANS.length]!;
    const nurse = NURSES[(seed + i) % NURSES.length]!;
    const id = `dn-${nhsNumber}-${i}`;
    // A visit under way is not given an end in the future.
    const end = new Date(Math.max(start.getTime(), Math.min(start.getTime() + 35 * 60_000, now.getTime())));
    const at = start.toISOString();
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH', display: 'home health' },
      subject: patient,
      participant: [{ individual: { reference: `Practitioner/${nurse.id}` } }],
      period: { start: at, end: end.toISOString() },
      reasonCode: [{ text: plan.reason }],
      serviceProvider: { reference: `Organization/${TEAM.id}` },
    };
    resources.push(encounter);
    plan.tasks.forEach(([description, status, note], t) => {
      const task: Task = {
        resourceType: 'Task',
        id: `${id}-task-${t}`,
        status,
        intent: 'order',
        description,
        for: patient,
        encounter: { reference: `Encounter/${id}` },
        authoredOn: at,
        lastModified: end.toISOString(),
        owner: { reference: `Practitioner/${nurse.id}` },
        ...(note ? { note: [{ text: note, authorReference: { display: nurseName(nurse) }, time: at }] } : {}),
      };
      resources.push(task);
    });
    plan.measures.forEach(([name, code, value, unit, ucum], m) => {
      const observation: Observation = {
        resourceType: 'Observation',
        id: `${id}-obs-${m}`,
        status: 'final',
        code: { ...(code ? { coding: [{ system: LOINC, code, display: name }] } : {}), text: name },
        subject: patient,
        encounter: { reference: `Encounter/${id}` },
        effectiveDateTime: at,
        performer: [{ reference: `Practitioner/${nurse.id}` }],
        ...(Array.isArray(value)
          ? {
              component: value.map((v, c) => ({
                code: { text: c === 0 ? 'Systolic' : 'Diastolic' },
                valueQuantity: { value: v, unit, system: UCUM, code: ucum },
              })),
            }
          : { valueQuantity: { value, unit, system: UCUM, code: ucum } }),
      };
      resources.push(observation);
    });
    const note: Observation = {
      resourceType: 'Observation',
      id: `${id}-note`,
      status: 'final',
      code: { text: 'Visit note' },
      subject: patient,
      encounter: { reference: `Encounter/${id}` },
      effectiveDateTime: end.toISOString(),
      performer: [{ reference: `Practitioner/${nurse.id}` }],
      valueString: plan.note,
    };
    resources.push(note);
  });
  return resources;
}

/** The resources as searchset entries: Encounters are matches, the rest includes. */
export function asSearchEntries(resources: readonly Resource[], base: string): BundleEntry[] {
  return resources.map((resource) => ({
    fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
    resource,
    search: { mode: resource.resourceType === 'Encounter' ? 'match' : 'include' },
  }));
}

function nurseName(p: Practitioner): string {
  const n = p.name?.[0];
  return [...(n?.prefix ?? []), ...(n?.given ?? []), n?.family ?? ''].join(' ').trim();
}
