import type * as fhir3 from 'fhir/r3';
/**
 * Small, defensive readers for FHIR STU3 values. GP systems differ (EMIS,
 * SystmOne, …) and examples in the wild bend the rules (a `note` that is a
 * string, a `valueCode` that is a list): every reader here returns null
 * rather than throwing when a value is not the shape FHIR says.
 */

export type AnyResource = fhir3.Resource & Record<string, unknown>;

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
export const arr = <T = unknown>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
export const obj = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** The words of a CodeableConcept: its text, else the first display, else the first code. */
export function conceptText(v: unknown): string | null {
  const c = obj(v) as fhir3.CodeableConcept | null;
  if (!c) return null;
  const text = str(c.text);
  if (text) return text;
  for (const coding of arr<fhir3.Coding>(c.coding)) {
    const display = str(obj(coding)?.['display']);
    if (display) return display;
  }
  for (const coding of arr<fhir3.Coding>(c.coding)) {
    const code = str(obj(coding)?.['code']);
    if (code) return code;
  }
  return null;
}

export function firstCode(v: unknown): string | null {
  const c = obj(v) as fhir3.CodeableConcept | null;
  for (const coding of arr<fhir3.Coding>(c?.coding)) {
    const code = str(obj(coding)?.['code']);
    if (code) return code;
  }
  return null;
}

/** The text of `note` (Annotation[] in FHIR; a plain string in some examples). */
export function noteText(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  const texts = arr<fhir3.Annotation>(v)
    .map((a) => str(obj(a)?.['text']))
    .filter((t): t is string => t !== null);
  return texts.length > 0 ? texts.join('\n') : null;
}

/** An extension's value by the end of its URL (profiles move between hosts and versions). */
export function extension(resource: unknown, urlEnding: string): Record<string, unknown> | null {
  for (const ext of arr<fhir3.Extension>(obj(resource)?.['extension'])) {
    const url = str(obj(ext)?.['url']);
    if (url && url.includes(urlEnding)) return obj(ext);
  }
  return null;
}

export function personName(v: unknown): string | null {
  for (const n of arr<fhir3.HumanName>(v)) {
    const name = obj(n);
    if (!name) continue;
    const text = str(name['text']);
    if (text) return text;
    const parts = [...arr(name['prefix']).map(str), ...arr(name['given']).map(str), str(name['family'])].filter(
      (p): p is string => p !== null,
    );
    if (parts.length > 0) return parts.join(' ');
  }
  return null;
}

export function quantityText(v: unknown): string | null {
  const q = obj(v) as fhir3.Quantity | null;
  if (!q) return null;
  const comparator = str(q.comparator) ?? '';
  const value = typeof q.value === 'number' || typeof q.value === 'string' ? String(q.value) : null;
  return value === null ? null : `${comparator}${value}`;
}

export function refString(v: unknown): string | null {
  return str(obj(v)?.['reference']);
}

export function identifierValue(v: unknown, systemEnding: string): string | null {
  for (const id of arr<fhir3.Identifier>(v)) {
    const system = str(obj(id)?.['system']);
    if (system && system.endsWith(systemEnding)) return str(obj(id)?.['value']);
  }
  return null;
}
