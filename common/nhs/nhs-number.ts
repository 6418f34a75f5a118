/**
 * NHS numbers: 10 digits, the last a Modulus 11 check digit.
 * (NHS Data Dictionary, "NHS Number": weights 10 down to 2 on the first nine digits.)
 */
export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  const total = [...firstNine].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0);
  const check = 11 - (total % 11);
  if (check === 11) return 0;
  if (check === 10) return null; // no valid number has these nine digits
  return check;
}

/** Accepts spaces or dashes between groups (as people type them) and returns the 10 digits, or null. */
export function normaliseNhsNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  return nhsNumberCheckDigit(digits.slice(0, 9)) === Number(digits[9]) ? digits : null;
}

/** "943 476 5919", as the NHS shows it. */
export function formatNhsNumber(digits: string): string {
  return digits.length === 10 ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}
