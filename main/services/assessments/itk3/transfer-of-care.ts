/**
 * Reads an ITK3 Transfer of Care (a FHIR STU3 `message` Bundle whose
 * MessageHeader points at a `document` Bundle) from FHIR JSON or XML into
 * the app's shape. Either the whole message is read or an Itk3Error says in
 * one sentence what is wrong: the caller stores nothing half.
 */
import { type z } from 'zod';
import type {
  DocumentPatient,
  DocumentSection,
  Itk3Handling,
  Itk3Header,
  PrsbHeading,
  TransferOfCareDocument,
} from '../../../../common/assessments/transfer-of-care';
import {
  Bundle,
  Composition,
  describeIssue,
  Encounter,
  Location,
  MessageHeader,
  Organization,
  Patient,
  Practitioner,
  QuestionnaireResponse,
  type Extension,
  type Resource,
  type Section,
} from './fhir-stu3';
import { FhirXmlError, fhirXmlToJson } from './fhir-xml';
import { narrativeText } from './narrative-text';

export class Itk3Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Itk3Error';
  }
}

export interface TransferOfCare {
  readonly header: Itk3Header;
  readonly document: TransferOfCareDocument;
  readonly questionnaireResponses: readonly QuestionnaireResponse[];
  /** The message as FHIR JSON (converted when it came as XML), for the record. */
  readonly json: unknown;
}

const HANDLING_URL = /Extension-ITK-MessageHandling-\d+$/;
const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** PRSB section codes (SNOMED CT) as the ITK3 eDischarge examples use them. */
const SECTION_CODES: Record<string, PrsbHeading> = {
  '886731000000109': 'patient',
  '886781000000108': 'admissionDetails',
  '887161000000102': 'diagnoses',
  '887171000000109': 'procedures',
  '933361000000108': 'medications',
  '886921000000105': 'allergies',
  '886931000000107': 'safetyAlerts',
  '887051000000101': 'socialContext',
  '887201000000105': 'planAndRequestedActions',
  '887231000000104': 'personCompletingRecord',
};
const SECTION_TITLES: [RegExp, PrsbHeading][] = [
  [/^patient demographics$/i, 'patient'],
  [/admission/i, 'admissionDetails'],
  [/^diagnos/i, 'diagnoses'],
  [/^procedures?$/i, 'procedures'],
  [/^medications?\b/i, 'medications'],
  [/^allerg/i, 'allergies'],
  [/^risks?\b/i, 'risks'],
  [/^safety alerts?$/i, 'safetyAlerts'],
  [/^social context$/i, 'socialContext'],
  [/^plan and requested actions$/i, 'planAndRequestedActions'],
  [/^person completing (the )?record$/i, 'personCompletingRecord'],
];

/** Reads the bytes of a message as FHIR JSON or XML (by its first character, as the content type is often missing over MESH). */
export function parseTransferOfCare(content: Buffer | string): TransferOfCare {
  const text = (typeof content === 'string' ? content : content.toString('utf8')).replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  let json: unknown;
  if (first === '<') {
    try {
      json = fhirXmlToJson(text);
    } catch (error) {
      if (error instanceof FhirXmlError) throw new Itk3Error(`The ITK3 message could not be read: ${error.message}`);
      throw error;
    }
  } else if (first === '{') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new Itk3Error('The ITK3 message could not be read: it is not valid JSON.');
    }
  } else {
    throw new Itk3Error('The message is neither FHIR JSON nor FHIR XML, so it is not an ITK3 message.');
  }
  return readMessage(json);
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Itk3Error(describeIssue(result.error, what));
  return result.data;
}

function readMessage(json: unknown): TransferOfCare {
  const bundle = check(Bundle, json, 'The ITK3 message bundle');
  if (bundle.type !== 'message') {
    throw new Itk3Error(`This is a FHIR "${bundle.type}" bundle, not an ITK3 message bundle.`);
  }
  const resolve = resolver(bundle);
  const header = check(MessageHeader, bundle.entry?.[0]?.resource, 'The ITK3 MessageHeader (the first entry)');
  const focus = resolve(header.focus[0]?.reference);
  if (!focus) throw new Itk3Error('The MessageHeader points to a document that is not in the message.');
  const document = check(Bundle, focus, 'The ITK3 document bundle');
  if (document.type !== 'document') {
    throw new Itk3Error(`The message carries a FHIR "${document.type}" bundle where a document was expected.`);
  }
  const read = readDocument(document);
  return {
    header: {
      bundleId: bundle.id ?? '',
      messageHeaderId: header.id ?? '',
      eventCode: header.event.code ?? '',
      eventDisplay: header.event.display ?? '',
      sentAt: header.timestamp,
      sourceEndpoint: header.source.endpoint,
      handling: handlingOf(header.extension ?? []),
    },
    document: read.document,
    questionnaireResponses: read.questionnaireResponses,
    json,
  };
}

function handlingOf(extensions: Extension[]): Itk3Handling {
  const handling = extensions.find((e) => HANDLING_URL.test(e.url));
  if (!handling) throw new Itk3Error('The MessageHeader has no ITK message handling extension.');
  const part = (url: string) => handling.extension?.find((e) => e.url === url);
  const flag = (url: string): boolean => {
    const value = part(url)?.valueBoolean;
    if (typeof value !== 'boolean')
      throw new Itk3Error(`The ITK message handling extension has no ${url} (true or false).`);
    return value;
  };
  const text = (url: string): string | null => {
    const e = part(url);
    if (!e) return null;
    const coding = e.valueCoding as { code?: unknown } | undefined;
    const reference = e.valueReference as { reference?: unknown } | undefined;
    const value = e.valueString ?? coding?.code ?? reference?.reference;
    return typeof value === 'string' ? value : null;
  };
  return {
    busAckRequested: flag('BusAckRequested'),
    infAckRequested: flag('InfAckRequested'),
    recipientType: text('RecipientType'),
    priority: text('Priority'),
    messageDefinition: text('MessageDefinition'),
    senderReference: text('SenderReference'),
    localExtension: text('LocalExtension'),
  };
}

/** Finds a bundle's resource by a reference as ITK3 writes them: `urn:uuid:…` full URLs, or `Type/id`. */
function resolver(bundle: Bundle): (reference: string | undefined) => Resource | undefined {
  return (reference) => {
    if (!reference) return undefined;
    for (const entry of bundle.entry ?? []) {
      const r = entry.resource;
      if (!r) continue;
      if (entry.fullUrl === reference) return r;
      if (r.id && (reference === `${r.resourceType}/${r.id}` || reference.endsWith(`/${r.resourceType}/${r.id}`))) {
        return r;
      }
    }
    return undefined;
  };
}

function readDocument(document: Bundle): {
  document: TransferOfCareDocument;
  questionnaireResponses: QuestionnaireResponse[];
} {
  const resolve = resolver(document);
  const composition = check(Composition, document.entry?.[0]?.resource, 'The document’s Composition (its first entry)');
  const patient = check(Patient, resolve(composition.subject.reference), 'The patient in the document');
  const custodian = resolve(composition.custodian?.reference);
  const organisation = custodian ? Organization.safeParse(custodian).data : undefined;
  const questionnaireResponses = (document.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is Resource => r?.resourceType === 'QuestionnaireResponse')
    .map((r) => check(QuestionnaireResponse, r, 'The trusted assessment (QuestionnaireResponse)'));
  return {
    document: {
      bundleId: document.id ?? '',
      title: composition.title,
      writtenAt: composition.date,
      patient: patientOf(patient),
      hospital: organisation?.name ?? null,
      hospitalOdsCode: organisation?.identifier?.find((i) => i.system === ODS_SYSTEM)?.value ?? null,
      ward: wardOf(resolve, composition.encounter?.reference),
      author: composition.author?.map((a) => personName(resolve(a.reference)) ?? a.display).find(Boolean) ?? null,
      sections: (composition.section ?? []).flatMap((s) => sectionsOf(s)),
    },
    questionnaireResponses,
  };
}

function patientOf(patient: z.infer<typeof Patient>): DocumentPatient {
  const name = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
  if (!name) throw new Itk3Error('The patient in the document has no name.');
  return {
    nhsNumber: patient.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM)?.value ?? null,
    givenName: (name.given ?? []).join(' ') || name.text?.split(' ')[0] || '',
    familyName: name.family ?? name.text?.split(' ').slice(1).join(' ') ?? '',
    dateOfBirth: patient.birthDate ?? null,
  };
}

function personName(resource: Resource | undefined): string | undefined {
  const practitioner = Practitioner.safeParse(resource).data;
  const name = practitioner?.name?.[0];
  if (name) return name.text ?? [...(name.prefix ?? []), ...(name.given ?? []), name.family].filter(Boolean).join(' ');
  return Organization.safeParse(resource).data?.name;
}

function wardOf(
  resolve: (r: string | undefined) => Resource | undefined,
  encounter: string | undefined,
): string | null {
  const found = Encounter.safeParse(resolve(encounter)).data;
  for (const l of found?.location ?? []) {
    const name = Location.safeParse(resolve(l.location.reference)).data?.name ?? l.location.display;
    if (name) return name;
  }
  return null;
}

/** A section and any sections inside it, each with its words; nothing is left out. */
function sectionsOf(section: Section): DocumentSection[] {
  const code = section.code?.coding?.find((c) => c.system === 'http://snomed.info/sct')?.code ?? null;
  const title = section.title ?? section.code?.coding?.[0]?.display ?? section.code?.text ?? 'Untitled section';
  const heading: PrsbHeading =
    (code ? SECTION_CODES[code] : undefined) ?? SECTION_TITLES.find(([re]) => re.test(title))?.[1] ?? 'other';
  const own: DocumentSection = {
    heading,
    title,
    snomedCode: code,
    text: section.text ? narrativeText(section.text.div) : '',
  };
  return [own, ...(section.section ?? []).flatMap((s) => sectionsOf(s))];
}
