/**
 * Turns the FHIR R4 resources of one resident's search (Encounters with their
 * Tasks, Observations, Practitioners and Organizations) into the visits the
 * care home reads. Resources of other types, and entries that do not match
 * the R4 shapes we read, are counted, never a crash.
 */
import type {
  NursingAction,
  NursingNote,
  NursingObservation,
  NursingVisit,
  NursingVisitStatus,
} from '../../../common/nursing/visit';
import {
  Encounter,
  Observation,
  Organization,
  Practitioner,
  Task,
  type Annotation,
  type CodeableConcept,
  type Quantity,
  type Reference,
} from './fhir-r4';

export interface ParsedVisits {
  readonly visits: NursingVisit[];
  /** Encounters marked entered-in-error: removed from the store, never shown. */
  readonly withdrawn: string[];
  /** Entries of types we do not read (e.g. Patient, Condition). */
  readonly otherResources: number;
  /** Entries of our types that did not match R4 (missing status, bad dates, …). */
  readonly unreadable: number;
}

const SCHEMAS = { Encounter, Task, Observation, Practitioner, Organization } as const;
type Known = keyof typeof SCHEMAS;

const ENCOUNTER_STATUS: Record<Encounter['status'], NursingVisitStatus | null> = {
  planned: 'planned',
  arrived: 'in-progress',
  triaged: 'in-progress',
  'in-progress': 'in-progress',
  onleave: 'in-progress',
  finished: 'finished',
  cancelled: 'cancelled',
  unknown: 'unknown',
  'entered-in-error': null,
};

export function parseVisits(resources: readonly unknown[]): ParsedVisits {
  const byKey = new Map<string, Practitioner | Organization>();
  const encounters: Encounter[] = [];
  const tasks: Task[] = [];
  const observations: Observation[] = [];
  let otherResources = 0;
  let unreadable = 0;

  for (const resource of resources) {
    const type = (resource as { resourceType?: unknown } | null)?.resourceType;
    if (typeof type !== 'string' || !(type in SCHEMAS)) {
      otherResources += 1;
      continue;
    }
    const parsed = SCHEMAS[type as Known].safeParse(resource);
    if (!parsed.success) {
      unreadable += 1;
      continue;
    }
    const r = parsed.data;
    if (r.resourceType === 'Encounter') encounters.push(r);
    else if (r.resourceType === 'Task') tasks.push(r);
    else if (r.resourceType === 'Observation') observations.push(r);
    else byKey.set(`${r.resourceType}/${r.id}`, r);
  }

  const visits: NursingVisit[] = [];
  const withdrawn: string[] = [];
  for (const encounter of encounters) {
    const status = ENCOUNTER_STATUS[encounter.status];
    const start = isoTime(encounter.period?.start);
    if (status === null) {
      withdrawn.push(encounter.id);
      continue;
    }
    if (!start) {
      unreadable += 1; // a visit with no time cannot be placed on a timeline
      continue;
    }
    const key = `Encounter/${encounter.id}`;
    const mine = <T extends { encounter?: Reference | undefined }>(list: T[]) =>
      list.filter((r) => r.encounter?.reference !== undefined && refKey(r.encounter.reference) === key);
    const visitTasks = mine(tasks).filter((t) => t.status !== 'entered-in-error');
    const visitObservations = mine(observations).filter((o) => o.status !== 'entered-in-error');
    const nurse = firstNurse(encounter, byKey);
    visits.push({
      sourceId: encounter.id,
      start,
      end: isoTime(encounter.period?.end),
      status,
      nurse,
      team: teamName(encounter.serviceProvider, byKey),
      reason: joinConcepts(encounter.reasonCode),
      // Free-text observations are the nurse's notes about the visit, not measurements.
      notes: visitObservations
        .filter((o) => o.valueString !== undefined)
        .map((o) => ({
          text: clip(o.valueString ?? '', 4000),
          author: referenceName(o.performer?.[0], byKey) ?? nurse,
          time: isoTime(o.effectiveDateTime),
        })),
      actions: visitTasks.map(toAction),
      observations: visitObservations.filter((o) => o.valueString === undefined).map(toObservation),
    });
  }
  visits.sort((a, b) => b.start.localeCompare(a.start));
  return { visits, withdrawn, otherResources, unreadable };
}

function toAction(task: Task): NursingAction {
  return {
    sourceId: task.id,
    description: clip(task.description ?? conceptText(task.code) ?? 'Action (no description given)', 4000),
    status: task.status,
    time: isoTime(task.executionPeriod?.end ?? task.executionPeriod?.start ?? task.lastModified ?? task.authoredOn),
    notes: notes(task.note),
  };
}

function toObservation(observation: Observation): NursingObservation {
  const value = observationValue(observation);
  return {
    sourceId: observation.id,
    name: clip(conceptText(observation.code) ?? 'Observation', 300),
    value: clip(value.value, 300),
    unit: value.unit === null ? null : clip(value.unit, 300),
    time: isoTime(observation.effectiveDateTime),
    notes: notes(observation.note),
  };
}

type ValueSource = Pick<
  Observation,
  'valueQuantity' | 'valueString' | 'valueCodeableConcept' | 'valueBoolean' | 'valueInteger'
>;

function observationValue(observation: Observation): { value: string; unit: string | null } {
  const own = singleValue(observation);
  if (own) return own;
  // Blood pressure and the like: "138/84" from the systolic and diastolic components.
  const parts = (observation.component ?? []).map(singleValue).filter((v) => v !== null);
  if (parts.length > 0) return { value: parts.map((p) => p.value).join('/'), unit: parts[0]!.unit };
  return { value: 'No value recorded', unit: null };
}

function singleValue(v: ValueSource): { value: string; unit: string | null } | null {
  if (v.valueQuantity?.value !== undefined) return quantity(v.valueQuantity);
  if (v.valueCodeableConcept) return { value: conceptText(v.valueCodeableConcept) ?? 'Coded value', unit: null };
  if (v.valueBoolean !== undefined) return { value: v.valueBoolean ? 'Yes' : 'No', unit: null };
  if (v.valueInteger !== undefined) return { value: String(v.valueInteger), unit: null };
  if (v.valueString !== undefined) return { value: v.valueString, unit: null };
  return null;
}

function quantity(q: Quantity): { value: string; unit: string | null } {
  return { value: `${q.comparator ?? ''}${q.value}`, unit: q.unit ?? q.code ?? null };
}

function notes(annotations: readonly Annotation[] | undefined): NursingNote[] {
  return (annotations ?? []).map((a) => ({
    text: clip(a.text, 4000),
    author: a.authorString ?? a.authorReference?.display ?? null,
    time: isoTime(a.time),
  }));
}

function firstNurse(encounter: Encounter, byKey: Map<string, Practitioner | Organization>): string | null {
  for (const p of encounter.participant ?? []) {
    const name = referenceName(p.individual, byKey);
    if (name) return name;
  }
  return null;
}

function teamName(ref: Reference | undefined, byKey: Map<string, Practitioner | Organization>): string | null {
  return referenceName(ref, byKey);
}

/** The included resource's name, else the reference's display text. */
function referenceName(ref: Reference | undefined, byKey: Map<string, Practitioner | Organization>): string | null {
  if (!ref) return null;
  const found = ref.reference ? byKey.get(refKey(ref.reference)) : undefined;
  const name = found ? resourceName(found) : null;
  const result = name ?? ref.display ?? null;
  return result === null ? null : clip(result, 300);
}

function resourceName(r: Practitioner | Organization): string | null {
  if (r.resourceType === 'Organization') return r.name ?? null;
  const name = r.name?.[0];
  if (!name) return null;
  if (name.text) return name.text;
  const parts = [...(name.prefix ?? []), ...(name.given ?? []), name.family ?? ''].filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** "Practitioner/abc" from "Practitioner/abc", "https://server/fhir/Practitioner/abc" or ".../_history/2". */
function refKey(reference: string): string {
  const withoutHistory = reference.replace(/\/_history\/[^/]+$/, '');
  const parts = withoutHistory.split('/');
  return parts.slice(-2).join('/');
}

function conceptText(concept: CodeableConcept | undefined): string | null {
  if (!concept) return null;
  return concept.text ?? concept.coding?.find((c) => c.display)?.display ?? null;
}

function joinConcepts(concepts: readonly CodeableConcept[] | undefined): string | null {
  const texts = (concepts ?? []).map(conceptText).filter((t): t is string => t !== null);
  return texts.length > 0 ? clip(texts.join('; '), 4000) : null;
}

/** An ISO time in UTC, or null for a missing or unreadable one. */
function isoTime(value: string | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function clip(text: string, max: number): string {
  const clean = text.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''));
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}
