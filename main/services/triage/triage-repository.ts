/**
 * Data access for crisis triage: prepared statements over the triage tables
 * (migration 400). Reads take a ReadableDB; writes need a WritableDB.
 */
import type { MeasuredField, ObservationValues } from '../../../common/triage/observations';
import type { Consciousness, Spo2Scale } from '../../../common/triage/news2';
import type { SoftSignCode } from '../../../common/triage/soft-signs';
import type { ReadableDB, WritableDB } from '../store/database';

export interface StaffStamp {
  readonly staffId: number;
  readonly displayName: string;
}

export interface ObservationSetRow {
  id: number;
  resident_id: number;
  taken_at: string;
  recorded_at: string;
  recorded_by: number;
  recorded_by_name: string;
  respiration_rate: number;
  spo2: number;
  spo2_scale: Spo2Scale;
  spo2_scale_setting_id: number | null;
  on_oxygen: 0 | 1;
  systolic_bp: number;
  pulse: number;
  consciousness: Consciousness;
  temperature_tenths: number;
  news2_total: number;
  confirmed_unusual: string;
  note: string | null;
}

export interface Spo2ScaleSettingRow {
  id: number;
  resident_id: number;
  scale: Spo2Scale;
  decided_by: string;
  decided_on: string;
  reason: string | null;
  recorded_by: number;
  recorded_by_name: string;
  recorded_at: string;
}

export interface SoftSignsRow {
  id: number;
  resident_id: number;
  signs: string;
  note: string | null;
  recorded_by: number;
  recorded_by_name: string;
  recorded_at: string;
}

export interface ReferenceRow {
  id: number;
  resident_id: number;
  score: number;
  note: string | null;
  set_by: number;
  set_by_name: string;
  set_at: string;
}

export interface EndOfLifeRow {
  id: number;
  resident_id: number;
  on_pathway: 0 | 1;
  note: string | null;
  set_by: number;
  set_by_name: string;
  set_at: string;
}

export function residentExists(db: ReadableDB, residentId: number): boolean {
  return db.prepare('SELECT 1 FROM resident WHERE id = ?').get(residentId) !== undefined;
}

export function currentSpo2ScaleSetting(db: ReadableDB, residentId: number): Spo2ScaleSettingRow | null {
  return (
    (db.prepare('SELECT * FROM spo2_scale_setting WHERE resident_id = ? ORDER BY id DESC LIMIT 1').get(residentId) as
      Spo2ScaleSettingRow | undefined) ?? null
  );
}

export function currentReference(db: ReadableDB, residentId: number): ReferenceRow | null {
  return (
    (db
      .prepare('SELECT * FROM observation_reference WHERE resident_id = ? ORDER BY id DESC LIMIT 1')
      .get(residentId) as ReferenceRow | undefined) ?? null
  );
}

export function currentEndOfLife(db: ReadableDB, residentId: number): EndOfLifeRow | null {
  return (
    (db
      .prepare('SELECT * FROM observation_end_of_life WHERE resident_id = ? ORDER BY id DESC LIMIT 1')
      .get(residentId) as EndOfLifeRow | undefined) ?? null
  );
}

/** Newest first, by when the readings were taken. */
export function recentObservationSets(db: ReadableDB, residentId: number, limit: number): ObservationSetRow[] {
  return db
    .prepare('SELECT * FROM observation_set WHERE resident_id = ? ORDER BY taken_at DESC, id DESC LIMIT ?')
    .all(residentId, limit) as ObservationSetRow[];
}

export function findObservationSet(db: ReadableDB, id: number): ObservationSetRow | null {
  return (db.prepare('SELECT * FROM observation_set WHERE id = ?').get(id) as ObservationSetRow | undefined) ?? null;
}

export function recentSoftSigns(db: ReadableDB, residentId: number, limit: number): SoftSignsRow[] {
  return db
    .prepare('SELECT * FROM soft_signs_check WHERE resident_id = ? ORDER BY id DESC LIMIT ?')
    .all(residentId, limit) as SoftSignsRow[];
}

export function findSoftSigns(db: ReadableDB, id: number): SoftSignsRow | null {
  return (db.prepare('SELECT * FROM soft_signs_check WHERE id = ?').get(id) as SoftSignsRow | undefined) ?? null;
}

export function insertObservationSet(
  db: WritableDB,
  row: {
    residentId: number;
    takenAt: string;
    recordedAt: string;
    recordedBy: StaffStamp;
    values: ObservationValues;
    spo2Scale: Spo2Scale;
    spo2ScaleSettingId: number | null;
    news2Total: number;
    confirmedUnusual: readonly MeasuredField[];
    note: string | null;
  },
): number {
  const v = row.values;
  const result = db
    .prepare(
      `INSERT INTO observation_set (resident_id, taken_at, recorded_at, recorded_by, recorded_by_name,
         respiration_rate, spo2, spo2_scale, spo2_scale_setting_id, on_oxygen, systolic_bp, pulse,
         consciousness, temperature_tenths, news2_total, confirmed_unusual, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      row.residentId,
      row.takenAt,
      row.recordedAt,
      row.recordedBy.staffId,
      row.recordedBy.displayName,
      v.respirationRate,
      v.spo2,
      row.spo2Scale,
      row.spo2ScaleSettingId,
      v.onOxygen ? 1 : 0,
      v.systolicBp,
      v.pulse,
      v.consciousness,
      Math.round(v.temperature * 10),
      row.news2Total,
      JSON.stringify(row.confirmedUnusual),
      row.note,
    );
  return Number(result.lastInsertRowid);
}

export function insertSpo2ScaleSetting(
  db: WritableDB,
  row: {
    residentId: number;
    scale: Spo2Scale;
    decidedBy: string;
    decidedOn: string;
    reason: string | null;
    recordedBy: StaffStamp;
    recordedAt: string;
  },
): number {
  const result = db
    .prepare(
      `INSERT INTO spo2_scale_setting (resident_id, scale, decided_by, decided_on, reason, recorded_by, recorded_by_name, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      row.residentId,
      row.scale,
      row.decidedBy,
      row.decidedOn,
      row.reason,
      row.recordedBy.staffId,
      row.recordedBy.displayName,
      row.recordedAt,
    );
  return Number(result.lastInsertRowid);
}

export function insertSoftSigns(
  db: WritableDB,
  row: {
    residentId: number;
    signs: readonly SoftSignCode[];
    note: string | null;
    recordedBy: StaffStamp;
    recordedAt: string;
  },
): number {
  const result = db
    .prepare(
      'INSERT INTO soft_signs_check (resident_id, signs, note, recorded_by, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      row.residentId,
      JSON.stringify(row.signs),
      row.note,
      row.recordedBy.staffId,
      row.recordedBy.displayName,
      row.recordedAt,
    );
  return Number(result.lastInsertRowid);
}

export function insertReference(
  db: WritableDB,
  row: { residentId: number; score: number; note: string | null; setBy: StaffStamp; setAt: string },
): void {
  db.prepare(
    'INSERT INTO observation_reference (resident_id, score, note, set_by, set_by_name, set_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(row.residentId, row.score, row.note, row.setBy.staffId, row.setBy.displayName, row.setAt);
}

export function insertEndOfLife(
  db: WritableDB,
  row: { residentId: number; onPathway: boolean; note: string | null; setBy: StaffStamp; setAt: string },
): void {
  db.prepare(
    'INSERT INTO observation_end_of_life (resident_id, on_pathway, note, set_by, set_by_name, set_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(row.residentId, row.onPathway ? 1 : 0, row.note, row.setBy.staffId, row.setBy.displayName, row.setAt);
}
