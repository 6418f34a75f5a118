/**
 * Checks on what people type, before anything is sent, using the same schemas
 * main enforces (common/ipc/types.ts), with messages that name the field.
 */
import { OdsCode, PersonName, Secret } from '../../../common/ipc/types';
import type { FormError } from './ErrorSummary';

export function checkName(fieldId: string, value: string, whenEmpty: string): FormError | null {
  if (value.trim() === '') return { fieldId, message: whenEmpty };
  const parsed = PersonName.safeParse(value);
  return parsed.success ? null : { fieldId, message: parsed.error.issues[0]?.message ?? whenEmpty };
}

export function checkOdsCode(fieldId: string, value: string): FormError | null {
  if (value.trim() === '') return null;
  const parsed = OdsCode.safeParse(value);
  return parsed.success ? null : { fieldId, message: parsed.error.issues[0]?.message ?? 'Enter a valid ODS code' };
}

/** A new PIN or passphrase, typed twice. */
export function checkNewSecret(
  first: { fieldId: string; value: string; whenEmpty: string },
  again: { fieldId: string; value: string; whenEmpty: string },
): FormError[] {
  if (first.value === '') return [{ fieldId: first.fieldId, message: first.whenEmpty }];
  const parsed = Secret.safeParse(first.value);
  if (!parsed.success) {
    return [{ fieldId: first.fieldId, message: parsed.error.issues[0]?.message ?? first.whenEmpty }];
  }
  if (again.value === '') return [{ fieldId: again.fieldId, message: again.whenEmpty }];
  if (again.value !== first.value) {
    return [{ fieldId: again.fieldId, message: 'The two PINs or passphrases do not match. Enter the same one twice' }];
  }
  return [];
}

export const NEW_SECRET_HINT =
  'At least 6 numbers, or a passphrase of at least 10 characters. Do not tell it to anyone.';

export function present<T>(items: readonly (T | null)[]): T[] {
  return items.filter((item): item is T => item !== null);
}
