/**
 * District nursing in the encrypted store: prepared statements only. Views
 * read through the read-only connection; a refresh replaces a resident's
 * visits inside the window it fetched, in one transaction, and a failed one
 * records only the attempt.
 */
import {
  NursingVisit,
  type NursingLastAttempt,
  type NursingSource,
  type NursingVisit as Visit,
} from '../../../common/nursing/visit';
import type { ReadableDB, WritableDB } from '../store/database';

interface RefreshRow {
  source_name: string | null;
  source_address: string | null;
  fetched_at: string | null;
  last_attempt_at: string;
  last_attempt_ok: 0 | 1;
  last_problem: string | null;
}

export interface StoredState {
  readonly source: NursingSource | null;
  readonly lastAttempt: NursingLastAttempt | null;
}

export function storedState(db: ReadableDB, residentId: number): StoredState {
  const row = db.prepare('SELECT * FROM nursing_refresh WHERE resident_id = ?').get(residentId) as
    RefreshRow | undefined;
  return row ? toState(row) : { source: null, lastAttempt: null };
}

function toState(row: RefreshRow): StoredState {
  return {
    source:
      row.fetched_at && row.source_name
        ? { name: row.source_name, address: row.source_address, fetchedAt: row.fetched_at }
        : null,
    lastAttempt: { at: row.last_attempt_at, ok: row.last_attempt_ok === 1, problem: row.last_problem },
  };
}

/** A resident's visits, newest first. A row that no longer reads as a visit is skipped, not fatal. */
export function visitsOf(db: ReadableDB, residentId: number): Visit[] {
  const rows = db
    .prepare('SELECT visit_json FROM nursing_visit WHERE resident_id = ? ORDER BY started_at DESC')
    .pluck()
    .all(residentId) as string[];
  return rows.flatMap(readVisit);
}

export interface DayVisitRow {
  readonly residentId: number;
  readonly visit: Visit;
}

/** Visits of current residents that started in [from, to), newest first. */
export function visitsBetween(db: ReadableDB, from: string, to: string): DayVisitRow[] {
  const rows = db
    .prepare(
      `SELECT v.resident_id, v.visit_json FROM nursing_visit v JOIN resident r ON r.id = v.resident_id
       WHERE r.status = 'current' AND v.started_at >= ? AND v.started_at < ? ORDER BY v.started_at DESC`,
    )
    .all(from, to) as Array<{ resident_id: number; visit_json: string }>;
  return rows.flatMap((row) => readVisit(row.visit_json).map((visit) => ({ residentId: row.resident_id, visit })));
}

/** Every resident whose last refresh failed, with the attempt. */
export function failedAttempts(db: ReadableDB): Array<{ residentId: number; lastAttempt: NursingLastAttempt }> {
  const rows = db.prepare('SELECT * FROM nursing_refresh WHERE last_attempt_ok = 0').all() as Array<
    RefreshRow & { resident_id: number }
  >;
  return rows.map((row) => ({ residentId: row.resident_id, lastAttempt: toState(row).lastAttempt! }));
}

export function countVisits(db: ReadableDB, residentId: number): number {
  return db.prepare('SELECT count(*) FROM nursing_visit WHERE resident_id = ?').pluck().get(residentId) as number;
}

function readVisit(json: string): Visit[] {
  try {
    const parsed = NursingVisit.safeParse(JSON.parse(json));
    return parsed.success ? [parsed.data] : [];
  } catch {
    return [];
  }
}

/**
 * Stores a successful fetch: visits in the window from `since` are replaced
 * by what came back (so a visit withdrawn upstream goes), older ones stay.
 */
export function storeFetchedVisits(
  db: WritableDB,
  entry: {
    residentId: number;
    since: string;
    visits: readonly Visit[];
    withdrawn: readonly string[];
    source: NursingSource;
  },
): void {
  const removeWindow = db.prepare('DELETE FROM nursing_visit WHERE resident_id = ? AND started_at >= ?');
  const removeOne = db.prepare('DELETE FROM nursing_visit WHERE resident_id = ? AND source_id = ?');
  const insert = db.prepare(
    'INSERT OR REPLACE INTO nursing_visit (resident_id, source_id, started_at, visit_json) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    removeWindow.run(entry.residentId, entry.since);
    for (const id of entry.withdrawn) removeOne.run(entry.residentId, id);
    for (const visit of entry.visits) insert.run(entry.residentId, visit.sourceId, visit.start, JSON.stringify(visit));
    db.prepare(
      `INSERT INTO nursing_refresh (resident_id, source_name, source_address, fetched_at, last_attempt_at, last_attempt_ok, last_problem)
       VALUES (@residentId, @name, @address, @fetchedAt, @fetchedAt, 1, NULL)
       ON CONFLICT (resident_id) DO UPDATE SET source_name = @name, source_address = @address, fetched_at = @fetchedAt,
         last_attempt_at = @fetchedAt, last_attempt_ok = 1, last_problem = NULL`,
    ).run({ residentId: entry.residentId, ...entry.source });
  })();
}

/** Records a failed attempt; the stored visits and their fetch time are left exactly as they were. */
export function recordFailedAttempt(db: WritableDB, residentId: number, at: string, problem: string): void {
  db.prepare(
    `INSERT INTO nursing_refresh (resident_id, last_attempt_at, last_attempt_ok, last_problem) VALUES (?, ?, 0, ?)
     ON CONFLICT (resident_id) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, last_attempt_ok = 0,
       last_problem = excluded.last_problem`,
  ).run(residentId, at, problem);
}

export interface NursingResident {
  readonly residentId: number;
  readonly displayName: string;
  readonly room: string;
  readonly nhsNumber: string;
  readonly status: string;
}

const RESIDENT_COLUMNS =
  "id AS residentId, given_name || ' ' || family_name AS displayName, room, nhs_number AS nhsNumber, status";

/** The few resident facts district nursing needs (its own query, so the residents' tables can grow freely). */
export function nursingResident(db: ReadableDB, residentId: number): NursingResident | null {
  return (
    (db.prepare(`SELECT ${RESIDENT_COLUMNS} FROM resident WHERE id = ?`).get(residentId) as
      NursingResident | undefined) ?? null
  );
}

export function currentNursingResidents(db: ReadableDB): NursingResident[] {
  return db
    .prepare(
      `SELECT ${RESIDENT_COLUMNS} FROM resident WHERE status = 'current' ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE`,
    )
    .all() as NursingResident[];
}
