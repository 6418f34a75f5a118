/**
 * FHIR STU3 XML → the FHIR JSON shape, so that one set of zod schemas reads
 * both. The rules are the FHIR XML/JSON mapping (hl7.org/fhir/STU3/json.html):
 *  - a primitive is an element with a `value` attribute; its `id` and
 *    extensions go to `_name` beside it (null-aligned in arrays);
 *  - `<resource>` / `<contained>` wrap a resource, whose element name becomes
 *    `resourceType`;
 *  - `id` and `url` attributes become properties;
 *  - an XHTML `<div>` becomes its markup as a string;
 *  - booleans and numbers are typed from the element's name or its parent.
 * Cardinality is not written in XML, so the elements that repeat in STU3 for
 * the resources of ITK3 Transfer of Care are listed below. An element seen
 * more than once that the table calls single still becomes an array: nothing
 * is dropped, and the schema that reads it then says what is wrong.
 */
import { XMLParser } from 'fast-xml-parser';

export class FhirXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FhirXmlError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Element names that repeat wherever they appear in the resources of a Transfer of Care. */
const REPEATING = new Set([
  'extension',
  'modifierExtension',
  'contained',
  'entry',
  'link',
  'identifier',
  'coding',
  'telecom',
  'address',
  'line',
  'given',
  'prefix',
  'suffix',
  'section',
  'author',
  'attester',
  'profile',
  'security',
  'tag',
  'item',
  'answer',
  'issue',
  'component',
  'note',
  'dosage',
  'dosageInstruction',
  'reasonCode',
  'reasonReference',
  'category',
  'performer',
  'participant',
  'qualification',
  'contact',
  'communication',
  'generalPractitioner',
  'bodySite',
  'reaction',
  'manifestation',
  'destination',
  'focus',
  'activity',
  'goal',
  'addresses',
  'evidence',
  'specialty',
  'content',
  'relatesTo',
  'referenceRange',
  'derivedFrom',
  'basedOn',
  'partOf',
  'parameter',
  'part',
  'enableWhen',
  'option',
  'report',
  'complication',
  'followUp',
  'usedCode',
  'usedReference',
  'focalDevice',
  'ingredient',
  'additionalInstruction',
  'batch',
]);

/** Repeating only at these paths (resource type, then element names). */
const REPEATING_AT = new Set([
  'Encounter.type',
  'Organization.type',
  'Encounter.location',
  'Encounter.diagnosis',
  'Composition.event',
  'Composition.event.code',
  'PractitionerRole.code',
  'Patient.name',
  'Practitioner.name',
  'RelatedPerson.name',
  'Encounter.participant.type',
]);

/** Single at these paths although the name repeats elsewhere. */
const SINGLE_AT = new Set([
  'Bundle.identifier',
  'Composition.identifier',
  'QuestionnaireResponse.identifier',
  'Flag.category',
  'List.entry.item',
  'Binary.content',
  'Location.address',
]);

const BOOLEAN_NAMES = new Set([
  'active',
  'experimental',
  'abstract',
  'inactive',
  'userSelected',
  'notGiven',
  'preferred',
  'primarySource',
  'required',
  'repeats',
  'readOnly',
  'isBrand',
  'isOverTheCounter',
]);
const NUMBER_NAMES = new Set(['total', 'rank', 'sequence', 'count', 'frequency', 'frequencyMax', 'priority']);
/** Parents whose `value` is a decimal (Quantity and its kinds). */
const QUANTITY_PARENTS =
  /(Quantity|quantity|Age|Duration|Distance|Money|^low$|^high$|^numerator$|^denominator$|^maxDosePerAdministration$|^maxDosePerLifetime$)$/;

interface Node {
  [tag: string]: Node[] | Record<string, string> | string | undefined;
  ':@'?: Record<string, string>;
  '#text'?: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  removeNSPrefix: true,
  // The narrative is kept as written: its XHTML is copied, not parsed.
  stopNodes: ['*.div'],
  processEntities: true,
  htmlEntities: false,
});

/** The most that is parsed: far above the 5 MB ITK3 recommends, well below what would strain the laptop. */
export const FHIR_XML_MAX_BYTES = 50 * 1024 * 1024;

/** Parses FHIR XML into the FHIR JSON shape; throws FhirXmlError with a plain reason. */
export function fhirXmlToJson(xml: string): JsonObject {
  if (xml.length > FHIR_XML_MAX_BYTES) throw new FhirXmlError('The message is larger than the app reads (50 MB).');
  // FHIR forbids DTDs; refusing them also shuts out entity expansion attacks.
  if (/<!DOCTYPE/i.test(xml)) throw new FhirXmlError('The message contains a DTD, which FHIR does not allow.');
  let nodes: Node[];
  try {
    nodes = parser.parse(xml, true) as Node[];
  } catch (error) {
    throw new FhirXmlError(`The message is not well-formed XML (${(error as Error).message}).`);
  }
  const roots = nodes.filter((n) => tagOf(n) !== undefined && tagOf(n) !== '?xml');
  if (roots.length !== 1) throw new FhirXmlError('The message should hold exactly one FHIR resource.');
  return resourceFrom(roots[0]!);
}

function tagOf(node: Node): string | undefined {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
}

function childrenOf(node: Node, tag: string): Node[] {
  const value = node[tag];
  return Array.isArray(value) ? value : [];
}

function resourceFrom(node: Node): JsonObject {
  const type = tagOf(node)!;
  if (!/^[A-Z][A-Za-z]+$/.test(type)) throw new FhirXmlError(`<${type}> is not a FHIR resource.`);
  const out: JsonObject = { resourceType: type };
  const attrs = node[':@'] ?? {};
  if (attrs.id !== undefined) out.id = attrs.id;
  fillFrom(out, childrenOf(node, type), type);
  return out;
}

/** Adds each child element of an XML element to `out`, in the JSON shape. */
function fillFrom(out: JsonObject, children: Node[], path: string): void {
  const byName = new Map<string, { values: Json[]; underscores: (Json | null)[] }>();
  for (const child of children) {
    const name = tagOf(child);
    if (name === undefined) {
      if ((child['#text'] ?? '').trim() !== '') {
        throw new FhirXmlError(`Text "${String(child['#text']).trim().slice(0, 40)}" is outside any FHIR element.`);
      }
      continue;
    }
    const converted = elementFrom(child, name, `${path}.${name}`);
    const slot = byName.get(name) ?? { values: [], underscores: [] };
    slot.values.push(converted.value);
    slot.underscores.push(converted.underscore);
    byName.set(name, slot);
  }
  const resourceType = path.split('.')[0]!;
  for (const [name, { values, underscores }] of byName) {
    const relative = `${resourceType}.${path.split('.').slice(1).concat(name).join('.')}`;
    const repeats =
      values.length > 1 || (!SINGLE_AT.has(relative) && (REPEATING.has(name) || REPEATING_AT.has(relative)));
    const hasUnderscore = underscores.some((u) => u !== null);
    if (repeats) {
      if (values.some((v) => v !== null)) out[name] = values;
      if (hasUnderscore) out[`_${name}`] = underscores;
    } else {
      if (values[0] !== null) out[name] = values[0]!;
      if (hasUnderscore) out[`_${name}`] = underscores[0]!;
    }
  }
}

function elementFrom(node: Node, name: string, path: string): { value: Json; underscore: Json | null } {
  const attrs = node[':@'] ?? {};
  const children = childrenOf(node, name);
  if (name === 'div') return { value: xhtml(attrs, children), underscore: null };
  if (name === 'resource' || name === 'contained' || name === 'outcome') {
    const inner = children.filter((c) => tagOf(c) !== undefined);
    if (inner.length === 1 && /^[A-Z]/.test(tagOf(inner[0]!)!))
      return { value: resourceFrom(inner[0]!), underscore: null };
    if (name !== 'outcome') throw new FhirXmlError(`<${name}> should hold exactly one FHIR resource.`);
  }
  if (attrs.value !== undefined) {
    const extra: JsonObject = {};
    if (attrs.id !== undefined) extra.id = attrs.id;
    fillFrom(extra, children, path);
    const parent = path.split('.').slice(-2, -1)[0] ?? '';
    return { value: typed(name, parent, attrs.value), underscore: Object.keys(extra).length > 0 ? extra : null };
  }
  const out: JsonObject = {};
  if (attrs.id !== undefined) out.id = attrs.id;
  if (attrs.url !== undefined) out.url = attrs.url;
  // A nested path restarts at a resource's type only when the element was a resource; here it continues.
  fillFrom(out, children, path);
  return { value: out, underscore: null };
}

function typed(name: string, parent: string, value: string): Json {
  if (/Boolean$/.test(name) || BOOLEAN_NAMES.has(name)) {
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new FhirXmlError(`<${name} value="${value.slice(0, 20)}"> should be true or false.`);
  }
  const numeric =
    /(Integer|Decimal|PositiveInt|UnsignedInt)$/.test(name) ||
    NUMBER_NAMES.has(name) ||
    (name === 'value' && QUANTITY_PARENTS.test(parent));
  if (numeric) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) {
      throw new FhirXmlError(`<${name} value="${value.slice(0, 20)}"> should be a number.`);
    }
    return n;
  }
  return value;
}

function xhtml(attrs: Record<string, string>, children: Node[]): string {
  const attributes = Object.entries({ xmlns: 'http://www.w3.org/1999/xhtml', ...attrs })
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join('');
  const inner = children.map((c) => c['#text'] ?? '').join('');
  return `<div${attributes}>${inner}</div>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
