/**
 * What the residents list shows of each GP record: when it was last stored,
 * and its active allergies. The GP record's tables belong to the records
 * service, which provides this lookup (wired in main/core/services.ts); until
 * it does, every resident reads "no GP record yet".
 */
import type { ReadableDB } from '../store/database';

export interface GpRecordStatus {
  /** When the stored record was fetched (ISO 8601). */
  readonly fetchedAt: string;
  /** Names of the active allergies, e.g. "Penicillin". */
  readonly activeAllergies: readonly string[];
  readonly noKnownAllergies: boolean;
}

/**
 * One query for the whole list, so that 500 residents cost one read, not 500; or, given a resident,
 * that resident's alone (one resident's page must not read the whole home's records).
 */
export type GpRecordStatusLookup = (db: ReadableDB, residentId?: number) => ReadonlyMap<number, GpRecordStatus>;

export const NO_GP_RECORDS: GpRecordStatusLookup = () => new Map();
