/** Finding a resident by name (any part), room, or NHS number (with or without spaces): the same in main and on screen. */
export interface Searchable {
  readonly givenName: string;
  readonly familyName: string;
  readonly room: string;
  readonly nhsNumber: string;
}

export function matchesResidentSearch(resident: Searchable, search: string): boolean {
  const words = search.trim().toLowerCase();
  if (words === '') return true;
  const digits = words.replace(/[\s-]/g, '');
  if (/^\d{3,}$/.test(digits) && resident.nhsNumber.includes(digits)) return true;
  const room = resident.room.toLowerCase();
  if (room !== '' && (room === words || room.startsWith(`${words} `))) return true;
  const name = `${resident.givenName} ${resident.familyName}`.toLowerCase();
  return words.split(/\s+/).every((word) => name.includes(word));
}
