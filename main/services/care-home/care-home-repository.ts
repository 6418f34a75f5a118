import type { ReadableDB, WritableDB } from '../store/database';

export interface CareHome {
  readonly name: string;
  readonly odsCode: string | null;
  readonly isDemo: boolean;
}

export function findCareHome(db: ReadableDB): CareHome | null {
  const row = db.prepare('SELECT name, ods_code, is_demo FROM care_home WHERE id = 1').get() as
    { name: string; ods_code: string | null; is_demo: 0 | 1 } | undefined;
  return row ? { name: row.name, odsCode: row.ods_code, isDemo: row.is_demo === 1 } : null;
}

export function insertCareHome(db: WritableDB, home: CareHome, createdAt: string): void {
  db.prepare('INSERT INTO care_home (id, name, ods_code, is_demo, created_at) VALUES (1, ?, ?, ?, ?)').run(
    home.name,
    home.odsCode,
    home.isDemo ? 1 : 0,
    createdAt,
  );
}
