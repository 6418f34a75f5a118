/**
 * The demo care home: a synthetic home, staff with PINs shown on screen, and a
 * dozen synthetic residents, so that anyone can try the app with one command
 * and no NHS connection. Every name is invented; NHS numbers are from the 999
 * range, which the NHS keeps for testing, with valid check digits.
 */
import { nhsNumberCheckDigit } from '../../../common/nhs/nhs-number';
import type { RoleName } from '../../../common/ipc/types';

export const DEMO_CARE_HOME_NAME = 'Meadowbank Care Home (demo)';

export const DEMO_STAFF: ReadonlyArray<{ displayName: string; role: RoleName; demoPin: string }> = [
  { displayName: 'Grace Okafor', role: 'manager', demoPin: '246810' },
  { displayName: 'Tom Hughes', role: 'nurse', demoPin: '135790' },
  { displayName: 'Priya Shah', role: 'care_assistant', demoPin: '112233' },
  { displayName: 'Daniel Evans', role: 'care_assistant', demoPin: '445566' },
  { displayName: 'Sam Patel', role: 'it_admin', demoPin: '778899' },
];

const DEMO_RESIDENTS: ReadonlyArray<[given: string, family: string, dob: string]> = [
  ['Margaret', 'Ellis', '1936-03-14'],
  ['Arthur', 'Bennett', '1931-11-02'],
  ['Joan', 'Whitaker', '1940-07-21'],
  ['Harold', 'Price', '1938-01-09'],
  ['Edith', 'Lawson', '1933-05-30'],
  ['Stanley', 'Cooper', '1942-09-17'],
  ['Dorothy', 'Fletcher', '1935-12-25'],
  ['Leonard', 'Marsh', '1939-04-06'],
  ['Irene', 'Holt', '1944-08-11'],
  ['Walter', 'Graham', '1930-02-28'],
  ['Phyllis', 'Dunn', '1937-10-19'],
  ['Ronald', 'Akhtar', '1941-06-03'],
];

/** Twelve distinct, valid test-range NHS numbers, the same on every run. */
export function demoNhsNumbers(count: number): string[] {
  const numbers: string[] = [];
  for (let n = 4000001; numbers.length < count; n += 7919) {
    const firstNine = `99${String(n).padStart(7, '0')}`;
    const check = nhsNumberCheckDigit(firstNine);
    if (check !== null) numbers.push(`${firstNine}${check}`);
  }
  return numbers;
}

export function demoResidents(): Array<{
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  room: string;
  nhsNumber: string;
  gpOdsCode: string;
}> {
  const nhsNumbers = demoNhsNumbers(DEMO_RESIDENTS.length);
  return DEMO_RESIDENTS.map(([givenName, familyName, dateOfBirth], i) => ({
    givenName,
    familyName,
    dateOfBirth,
    room: String(i + 1),
    nhsNumber: nhsNumbers[i]!,
    gpOdsCode: i % 2 === 0 ? 'Y90001' : 'Y90002',
  }));
}
