/**
 * GP Connect Access Record: Structured (FHIR STU3) → the app's GpRecord.
 *
 * Reads by resource type, with the Lists for what only they say (resolved
 * allergies are contained in theirs, "nil known" is an empty reason,
 * consultations are Lists of topics of headings). Every resource is read on
 * its own: one that cannot be read is counted as unknown and the rest of the
 * record still arrives. Resource types the app does not show yet are counted
 * and stay in the raw bundle the store keeps. The result is validated with
 * the GpRecord schema, so nothing malformed is ever stored.
 */
import type * as fhir3 from 'fhir/r3';
import {
  GpRecord,
  type Allergy,
  type Consultation,
  type GpDocument,
  type Immunisation,
  type Investigation,
  type ItemSource,
  type Medication,
  type Problem,
  type Referral,
  type TestResult,
} from '../../../../common/records/gp-record';
import {
  arr,
  conceptText,
  extension,
  firstCode,
  identifierValue,
  noteText,
  obj,
  personName,
  quantityText,
  refString,
  str,
  type AnyResource,
} from './fhir-read';

/**
 * The outer shape checked before anything is read: a Bundle whose entries are resources. Checked by hand
 * rather than with a zod object schema, which would copy every resource of a large record.
 */
function bundleResources(json: unknown): AnyResource[] | null {
  const bundle = obj(json);
  if (bundle?.['resourceType'] !== 'Bundle') return null;
  const entries = bundle['entry'] ?? [];
  if (!Array.isArray(entries)) return null;
  const resources: AnyResource[] = [];
  for (const entry of entries) {
    const resource = obj(obj(entry)?.['resource']);
    const type = resource?.['resourceType'];
    if (!resource || typeof type !== 'string' || type.length === 0 || type.length > 100) return null;
    resources.push(resource as AnyResource);
  }
  return resources;
}

export class BundleProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleProblem';
  }
}

const LIST_CODES = {
  allergies: '886921000000105',
  medications: '933361000000108',
  problems: '717711000000103',
  consultation: '325851000000107',
  topic: '25851000000105',
  category: '24781000000107',
};

/** Resources read as part of another (a Medication for its statement, Lists for their items, …). */
const SUPPORTING = new Set([
  'Patient',
  'Organization',
  'Practitioner',
  'PractitionerRole',
  'Location',
  'List',
  'Medication',
  'MedicationRequest',
  'Specimen',
  'ProcedureRequest',
  'OperationOutcome',
]);

const MAX_TEXT = 10_000;
const clip = (s: string | null): string | null => (s === null ? null : s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);

class ResourceIndex {
  private readonly byRef = new Map<string, AnyResource>();

  add(resource: AnyResource): void {
    const id = str(resource.id);
    if (!id) return;
    this.byRef.set(`${resource.resourceType}/${id}`, resource);
    if (!this.byRef.has(id)) this.byRef.set(id, resource);
  }

  resolve(ref: unknown, container?: AnyResource): AnyResource | null {
    const r = typeof ref === 'string' ? ref : refString(ref);
    if (!r) return null;
    if (r.startsWith('#') && container) {
      const local = arr<AnyResource>(container['contained']).find((c) => obj(c) && c.id === r.slice(1));
      return local ?? null;
    }
    return this.byRef.get(r) ?? this.byRef.get(r.split('/').pop() ?? '') ?? null;
  }
}

export interface ParseOptions {
  /** The resident's NHS number, used when the bundle's Patient does not carry one. */
  readonly nhsNumber: string;
}

/** Parses a bundle already read from JSON; throws BundleProblem when it is not a GP Connect record at all. */
export function parseStructuredRecord(json: unknown, options: ParseOptions): GpRecord {
  const resources = bundleResources(json);
  if (!resources) throw new BundleProblem('The response is not a FHIR Bundle of resources.');
  return new RecordReader(resources, options).read();
}

class RecordReader {
  private readonly index = new ResourceIndex();
  private readonly unknownByType: Record<string, number> = {};
  private readonly warnings: string[] = [];
  private readonly practice: { name: string | null; odsCode: string | null };
  private readonly patient: AnyResource | null;

  constructor(
    private readonly resources: AnyResource[],
    private readonly options: ParseOptions,
  ) {
    for (const r of resources) this.index.add(r);
    this.patient = resources.find((r) => r.resourceType === 'Patient') ?? null;
    const org =
      this.index.resolve(obj(this.patient?.['managingOrganization'])) ??
      resources.find((r) => r.resourceType === 'Organization') ??
      null;
    this.practice = {
      name: clip(str(org?.['name'])),
      odsCode: identifierValue(org?.['identifier'], 'ods-organization-code'),
    };
  }

  read(): GpRecord {
    const lists = this.resources.filter((r) => r.resourceType === 'List');
    const allergies: Allergy[] = [];
    const medications: Medication[] = [];
    const problems: Problem[] = [];
    const immunisations: Immunisation[] = [];
    const investigations: Investigation[] = [];
    const consultations: Consultation[] = [];
    const referrals: Referral[] = [];
    const documents: GpDocument[] = [];

    for (const resource of this.resources) {
      const type = resource.resourceType;
      this.safely(type, () => {
        switch (type) {
          case 'AllergyIntolerance':
            allergies.push(this.allergy(resource));
            break;
          case 'MedicationStatement':
            medications.push(this.medication(resource));
            break;
          case 'Condition':
            problems.push(this.problem(resource));
            break;
          case 'Immunization':
            immunisations.push(this.immunisation(resource));
            break;
          case 'DiagnosticReport':
            investigations.push(this.investigation(resource));
            break;
          case 'Encounter':
            consultations.push(this.consultation(resource, lists));
            break;
          case 'ReferralRequest':
            referrals.push(this.referral(resource));
            break;
          case 'DocumentReference':
            documents.push(readDocument(resource, this.index, this.practice));
            break;
          case 'Observation':
            // Results are read with their report, and consultation entries with their consultation;
            // an observation belonging to neither is uncategorised data, kept raw and counted.
            if (!this.isReportedOrConsulted(resource)) this.countUnknown('Observation (uncategorised)');
            break;
          case 'OperationOutcome':
            this.outcomeWarnings(resource);
            break;
          default:
            if (!SUPPORTING.has(type)) this.countUnknown(type);
        }
      });
    }
    // Resolved allergies travel contained in their List rather than as entries of the bundle.
    for (const list of lists) {
      for (const contained of arr<AnyResource>(list['contained'])) {
        if (obj(contained)?.['resourceType'] === 'AllergyIntolerance') {
          this.safely('AllergyIntolerance', () => allergies.push(this.allergy(contained)));
        }
      }
      this.safely('List', () => this.listWarnings(list));
    }

    const record = {
      nhsNumber: identifierValue(this.patient?.['identifier'], 'nhs-number') ?? this.options.nhsNumber,
      patientName: clip(personName(this.patient?.['name'])),
      practice: this.practice,
      allergies,
      noKnownAllergies: lists.some(
        (l) => firstCode(l['code']) === LIST_CODES.allergies && firstCode(l['emptyReason']) === 'nil-known',
      ),
      medications,
      problems,
      immunisations,
      investigations,
      consultations,
      referrals,
      documents,
      warnings: this.warnings,
      unknown: {
        count: Object.values(this.unknownByType).reduce((a, b) => a + b, 0),
        byType: this.unknownByType,
      },
    };
    const checked = GpRecord.safeParse(record);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new BundleProblem(
        `The record failed its check at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    return checked.data;
  }

  private safely(type: string, read: () => void): void {
    try {
      read();
    } catch {
      this.countUnknown(`${type} (unreadable)`);
    }
  }

  private countUnknown(type: string): void {
    const key = type.slice(0, 100);
    this.unknownByType[key] = (this.unknownByType[key] ?? 0) + 1;
  }

  // Who and when, for every item -------------------------------------------------------------------------

  private source(resource: AnyResource, who: unknown, when: unknown): ItemSource {
    let practitioner: string | null = null;
    let organisation: string | null = null;
    const agent = this.index.resolve(who);
    if (agent?.resourceType === 'Practitioner') practitioner = personName(agent['name']);
    if (agent?.resourceType === 'PractitionerRole') {
      practitioner = personName(this.index.resolve(agent['practitioner'])?.['name']);
      organisation = str(this.index.resolve(agent['organization'])?.['name']);
    }
    if (agent?.resourceType === 'Organization') organisation = str(agent['name']);
    practitioner ??= str(obj(who)?.['display']);
    const practice = this.practice.name
      ? `${this.practice.name}${this.practice.odsCode ? ` (${this.practice.odsCode})` : ''}`
      : null;
    return {
      organisation: clip(organisation ?? practice),
      practitioner: clip(practitioner),
      recordedAt: str(when) ?? str(obj(resource['meta'])?.['lastUpdated']),
    };
  }

  // Each clinical area -----------------------------------------------------------------------------------

  private allergy(r: AnyResource): Allergy {
    const end = extension(r, 'AllergyIntoleranceEnd');
    const endDate = arr(end?.['extension'])
      .map(obj)
      .find((e) => e?.['url'] === 'endDate');
    const reactions = arr<fhir3.AllergyIntoleranceReaction>(r['reaction']);
    return {
      id: itemId(r),
      source: this.source(r, r['recorder'] ?? r['asserter'], r['assertedDate']),
      substance: conceptText(r['code']) ?? conceptText(reactions[0]?.substance) ?? 'Unnamed allergy',
      reactions: reactions
        .flatMap((x) => [str(obj(x)?.['description']), ...arr(obj(x)?.['manifestation']).map(conceptText)])
        .filter((t): t is string => t !== null)
        .map((t) => clip(t)!),
      severity: str(obj(reactions[0])?.['severity']) ?? str(r['criticality']),
      status: str(r['clinicalStatus']) === 'resolved' || end ? 'resolved' : 'active',
      onset: str(r['onsetDateTime']) ?? str(obj(r['onsetPeriod'])?.['start']),
      resolved: str(endDate?.['valueDateTime']),
      note: clip(noteText(r['note'])),
    };
  }

  private medication(r: AnyResource): Medication {
    const plan = arr(r['basedOn'])
      .map((b) => this.index.resolve(b))
      .find((x) => x?.resourceType === 'MedicationRequest');
    const name =
      conceptText(this.index.resolve(r['medicationReference'])?.['code']) ??
      conceptText(r['medicationCodeableConcept']) ??
      'Unnamed medicine';
    const dosage = arr<fhir3.Dosage>(r['dosage']).map(obj)[0];
    const status = str(r['status']);
    const period = obj(r['effectivePeriod']);
    const quantity = obj(obj(plan?.['dispenseRequest'])?.['quantity']);
    return {
      id: itemId(r),
      source: this.source(r, plan?.['recorder'] ?? r['informationSource'], r['dateAsserted']),
      name: clip(name)!,
      dosage: clip(str(dosage?.['text']) ?? str(dosage?.['patientInstruction'])),
      quantity: clip(
        str(extension(quantity, 'MedicationQuantityText')?.['valueString']) ??
          (quantityText(quantity) ? `${quantityText(quantity)} ${str(quantity?.['unit']) ?? ''}`.trim() : null),
      ),
      status: status === 'active' || status === 'intended' ? 'current' : 'past',
      prescriptionType: conceptText(extension(plan, 'PrescriptionType')?.['valueCodeableConcept']),
      started: str(period?.['start']) ?? str(r['effectiveDateTime']),
      ended: str(period?.['end']),
      lastIssued: str(extension(r, 'MedicationStatementLastIssueDate')?.['valueDateTime']),
      note: clip(noteText(r['note'])),
    };
  }

  private problem(r: AnyResource): Problem {
    const significance = extension(r, 'ProblemSignificance');
    const sigCode = str(significance?.['valueCode']) ?? str(obj(arr(significance?.['valueCode'])[0])?.['code']);
    const clinical = str(r['clinicalStatus']);
    return {
      id: itemId(r),
      source: this.source(r, r['asserter'], r['assertedDate']),
      name: clip(conceptText(r['code']) ?? 'Unnamed problem')!,
      status: clinical === 'active' || clinical === 'recurrence' || clinical === null ? 'active' : 'past',
      significance: sigCode === 'major' || sigCode === 'minor' ? sigCode : null,
      onset: str(r['onsetDateTime']) ?? str(obj(r['onsetPeriod'])?.['start']),
      ended: str(r['abatementDateTime']) ?? str(obj(r['abatementPeriod'])?.['end']),
      note: clip(noteText(r['note'])),
    };
  }

  private immunisation(r: AnyResource): Immunisation {
    const procedure = conceptText(extension(r, 'VaccinationProcedure')?.['valueCodeableConcept']);
    const vaccine = conceptText(r['vaccineCode']);
    return {
      id: itemId(r),
      source: this.source(
        r,
        obj(arr(r['practitioner'])[0])?.['actor'],
        str(extension(r, 'DateRecorded')?.['valueDateTime']) ?? r['date'],
      ),
      vaccine: clip(procedure ?? (vaccine && vaccine !== 'Unknown' ? vaccine : null) ?? 'Unnamed vaccination')!,
      date: str(r['date']),
      given: r['notGiven'] !== true,
      note: clip(noteText(r['note'])),
    };
  }

  private investigation(r: AnyResource): Investigation {
    const results: TestResult[] = [];
    const seen = new Set<AnyResource>();
    const addObservation = (o: AnyResource | null, depth: number) => {
      if (!o || o.resourceType !== 'Observation' || seen.has(o) || depth > 3) return;
      seen.add(o);
      const members = arr(o['related'])
        .map(obj)
        .filter((x) => x?.['type'] === 'has-member')
        .map((x) => this.index.resolve(x?.['target']));
      // A test group (e.g. full blood count) carries its members; its own row only when it has a value.
      if (members.length === 0 || hasValue(o)) results.push(testResult(o));
      for (const m of members) addObservation(m, depth + 1);
    };
    for (const ref of arr(r['result'])) addObservation(this.index.resolve(ref), 0);
    const performer = obj(arr(r['performer'])[0])?.['actor'];
    return {
      id: itemId(r),
      source: this.source(r, performer, r['issued']),
      name: clip(conceptText(r['code']) ?? 'Investigation')!,
      date: str(r['effectiveDateTime']) ?? str(r['issued']),
      status: str(r['status']),
      results,
    };
  }

  private consultation(encounter: AnyResource, lists: AnyResource[]): Consultation {
    const ref = `Encounter/${encounter.id ?? ''}`;
    const list = lists.find(
      (l) => firstCode(l['code']) === LIST_CODES.consultation && refString(l['encounter']) === ref,
    );
    const entries: Consultation['entries'] = [];
    const walk = (l: AnyResource, heading: string | null, depth: number) => {
      for (const e of arr(l['entry'])) {
        const item = obj(obj(e)?.['item']);
        const target = this.index.resolve(item);
        if (target?.resourceType === 'List' && depth < 3) {
          const title = str(target['title']);
          walk(target, heading && title ? `${heading}: ${title}` : (title ?? heading), depth + 1);
        } else if (target) {
          const text = describe(target, this.index);
          if (text) entries.push({ heading: clip(heading), text: clip(text)! });
        } else {
          const text = str(item?.['display']) ?? str(item?.['reference']);
          if (text && !/^[A-Za-z]+\/[\w.-]+$/.test(text)) entries.push({ heading: clip(heading), text: clip(text)! });
        }
      }
    };
    if (list) walk(list, null, 0);
    const participants = arr(encounter['participant']).map(obj);
    const performer = participants.find((p) => JSON.stringify(p?.['type'] ?? '').includes('PPRF')) ?? participants[0];
    const clinicianRes = this.index.resolve(performer?.['individual']);
    const location = this.index.resolve(obj(arr(encounter['location'])[0])?.['location']);
    return {
      id: itemId(encounter),
      source: this.source(encounter, performer?.['individual'], obj(encounter['period'])?.['start']),
      date: str(obj(encounter['period'])?.['start']),
      type: clip(
        arr(encounter['type'])
          .map(conceptText)
          .find((t) => t !== null) ?? str(list?.['title']),
      ),
      clinician: clip(personName(clinicianRes?.['name'])),
      location: clip(str(location?.['name'])),
      entries,
    };
  }

  private referral(r: AnyResource): Referral {
    const recipient = obj(arr(r['recipient'])[0]);
    const to = this.index.resolve(recipient);
    return {
      id: itemId(r),
      source: this.source(r, obj(r['requester'])?.['agent'], r['authoredOn']),
      date: str(r['authoredOn']),
      reason: clip(
        str(r['description']) ??
          arr(r['reasonCode'])
            .map(conceptText)
            .find((t) => t !== null) ??
          null,
      ),
      to: clip(
        (to ? (personName(to['name']) ?? str(to['name'])) : null) ??
          str(recipient?.['display']) ??
          arr(r['serviceRequested'])
            .map(conceptText)
            .find((t) => t !== null) ??
          null,
      ),
      priority: str(r['priority']),
      status: str(r['status']),
    };
  }

  /** Observations a report or a consultation heading points at: computed once, not per observation. */
  private pointedAt: Set<string> | null = null;

  private isReportedOrConsulted(o: AnyResource): boolean {
    // Results point back at their group or report; consultation entries sit in a consultation's Lists.
    if (arr(o['related']).some((x) => obj(x)?.['type'] === 'derived-from' || obj(x)?.['type'] === 'has-member'))
      return true;
    if (refString(o['context'])) return true;
    if (!this.pointedAt) {
      this.pointedAt = new Set<string>();
      for (const r of this.resources) {
        if (r.resourceType === 'DiagnosticReport')
          for (const x of arr(r['result'])) this.pointedAt.add(refString(x) ?? '');
        if (r.resourceType === 'List' && firstCode(r['code']) === LIST_CODES.category)
          for (const e of arr(r['entry'])) this.pointedAt.add(refString(obj(e)?.['item']) ?? '');
      }
    }
    return this.pointedAt.has(`Observation/${o.id ?? ''}`);
  }

  private outcomeWarnings(o: AnyResource): void {
    for (const issue of arr(o['issue']).map(obj)) {
      const text =
        str(issue?.['diagnostics']) ?? conceptText(issue?.['details']) ?? str(issue?.['code']) ?? 'A warning';
      this.warnings.push(clip(`The GP system said: ${text}`)!);
    }
  }

  private listWarnings(l: AnyResource): void {
    const note = noteText(l['note']);
    // Lists of the consultation structure carry no warnings; the clinical areas' Lists do.
    const code = firstCode(l['code']);
    if (note && code !== LIST_CODES.topic && code !== LIST_CODES.category && code !== LIST_CODES.consultation) {
      this.warnings.push(clip(`${str(l['title']) ?? 'Record'}: ${note}`)!);
    }
  }
}

function itemId(r: AnyResource): string {
  return (str(r.id) ?? str(obj(arr(r['identifier'])[0])?.['value']) ?? 'unidentified').slice(0, 200);
}

function hasValue(o: AnyResource): boolean {
  return Object.keys(o).some((k) => k.startsWith('value')) || str(o['comment']) !== null;
}

function observationValue(o: AnyResource): { value: string | null; unit: string | null } {
  const q = obj(o['valueQuantity']);
  if (q) return { value: quantityText(q), unit: str(q['unit']) ?? str(q['code']) };
  return {
    value:
      str(o['valueString']) ??
      conceptText(o['valueCodeableConcept']) ??
      (typeof o['valueBoolean'] === 'boolean' ? (o['valueBoolean'] ? 'Yes' : 'No') : null) ??
      str(o['valueDateTime']),
    unit: null,
  };
}

function testResult(o: AnyResource): TestResult {
  const { value, unit } = observationValue(o);
  const range = obj(arr(o['referenceRange'])[0]);
  const low = quantityText(range?.['low']);
  const high = quantityText(range?.['high']);
  return {
    name: clip(conceptText(o['code']) ?? 'Result')!,
    value: clip(value),
    unit: clip(unit),
    range: clip(str(range?.['text']) ?? (low || high ? `${low ?? ''} - ${high ?? ''}`.trim() : null)),
    interpretation: clip(conceptText(o['interpretation'])),
    note: clip(str(o['comment'])),
  };
}

/** One line of a consultation: what was recorded under its heading. */
function describe(r: AnyResource, index: ResourceIndex): string | null {
  switch (r.resourceType) {
    case 'Observation': {
      const { value, unit } = observationValue(r);
      const name = conceptText(r['code']);
      const comment = str(r['comment']);
      const main = [name, value ? `${value}${unit ? ` ${unit}` : ''}` : null].filter(Boolean).join(': ');
      return [main || null, comment].filter(Boolean).join(' — ') || null;
    }
    case 'MedicationRequest':
    case 'MedicationStatement': {
      const med =
        conceptText(index.resolve(r['medicationReference'])?.['code']) ?? conceptText(r['medicationCodeableConcept']);
      const dose = str(obj(arr(r['dosageInstruction'] ?? r['dosage'])[0])?.['text']);
      return [med, dose].filter(Boolean).join(', ') || null;
    }
    case 'ReferralRequest':
      return `Referral: ${str(r['description']) ?? arr(r['reasonCode']).map(conceptText).find(Boolean) ?? 'see referrals'}`;
    case 'Immunization':
      return `Vaccination: ${conceptText(r['vaccineCode']) ?? 'see immunisations'}`;
    case 'AllergyIntolerance':
      return `Allergy: ${conceptText(r['code']) ?? 'see allergies'}`;
    case 'Condition':
      return `Problem: ${conceptText(r['code']) ?? 'see problems'}`;
    case 'DocumentReference':
      return `Document: ${str(r['description']) ?? conceptText(r['type']) ?? 'see documents'}`;
    default:
      return conceptText(r['code']) ?? r.resourceType;
  }
}

/** A DocumentReference (Access Document search result) as the app's document. */
export function readDocument(
  r: AnyResource,
  index: { resolve(ref: unknown): AnyResource | null },
  practice: { name: string | null; odsCode: string | null },
): GpDocument {
  const attachment = obj(obj(arr(r['content'])[0])?.['attachment']);
  const author = index.resolve(arr(r['author'])[0]);
  const custodian = index.resolve(r['custodian']);
  const size = attachment?.['size'];
  return {
    id: itemId(r),
    source: {
      organisation: clip(str(custodian?.['name']) ?? practice.name),
      practitioner: clip(author && author.resourceType !== 'Organization' ? personName(author['name']) : null),
      recordedAt: str(r['indexed']) ?? str(r['created']),
    },
    title: clip(str(r['description']) ?? str(attachment?.['title']) ?? conceptText(r['type']) ?? 'Document')!,
    date: str(r['created']) ?? str(r['indexed']),
    type: clip(conceptText(r['type'])),
    contentType: str(attachment?.['contentType']),
    sizeBytes: typeof size === 'number' && Number.isInteger(size) && size >= 0 ? size : null,
    binaryUrl: clip(str(attachment?.['url'])),
  };
}

/** An Access Document searchset → the documents it lists. */
export function parseDocumentSearch(json: unknown): GpDocument[] {
  const resources = bundleResources(json);
  if (!resources) throw new BundleProblem('The document list is not a FHIR Bundle.');
  const index = new ResourceIndex();
  for (const r of resources) index.add(r);
  const org = resources.find((r) => r.resourceType === 'Organization');
  const practice = { name: str(org?.['name']), odsCode: null };
  const docs: GpDocument[] = [];
  for (const r of resources) {
    if (r.resourceType !== 'DocumentReference') continue;
    try {
      docs.push(readDocument(r, index, practice));
    } catch {
      // An unreadable entry is skipped; the others still list.
    }
  }
  return docs;
}
