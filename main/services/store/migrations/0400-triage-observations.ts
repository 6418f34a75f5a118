import type { Migration } from './migration';

/**
 * Crisis triage: observation sets, the SpO2 scale a clinician set, soft signs,
 * the resident's reference score and end-of-life pathway. Every table is a
 * history kept by appending (clinical records are corrected by a new entry,
 * never edited), so the triggers refuse UPDATE and DELETE as the audit log's do.
 * Residents are referenced by resident.id only.
 */
export const triageObservations: Migration = {
  version: 400,
  name: 'triage observations',
  up(db) {
    db.exec(`
      CREATE TABLE spo2_scale_setting (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        scale INTEGER NOT NULL CHECK (scale IN (1, 2)),
        decided_by TEXT NOT NULL,                    -- the clinician, as they gave their name and role
        decided_on TEXT NOT NULL,                    -- YYYY-MM-DD
        reason TEXT,
        recorded_by INTEGER NOT NULL REFERENCES staff_member (id),
        recorded_by_name TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX spo2_scale_setting_by_resident ON spo2_scale_setting (resident_id, id);

      CREATE TABLE observation_set (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        taken_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff_member (id),
        recorded_by_name TEXT NOT NULL,
        respiration_rate INTEGER NOT NULL CHECK (respiration_rate BETWEEN 1 AND 80),
        spo2 INTEGER NOT NULL CHECK (spo2 BETWEEN 40 AND 100),
        spo2_scale INTEGER NOT NULL CHECK (spo2_scale IN (1, 2)),
        spo2_scale_setting_id INTEGER REFERENCES spo2_scale_setting (id),
        on_oxygen INTEGER NOT NULL CHECK (on_oxygen IN (0, 1)),
        systolic_bp INTEGER NOT NULL CHECK (systolic_bp BETWEEN 40 AND 300),
        pulse INTEGER NOT NULL CHECK (pulse BETWEEN 20 AND 250),
        consciousness TEXT NOT NULL CHECK (consciousness IN ('alert', 'new_confusion', 'voice', 'pain', 'unresponsive')),
        temperature_tenths INTEGER NOT NULL CHECK (temperature_tenths BETWEEN 250 AND 450), -- 38.1 °C is 381: exact
        news2_total INTEGER NOT NULL CHECK (news2_total BETWEEN 0 AND 20), -- as shown when recorded
        confirmed_unusual TEXT NOT NULL DEFAULT '[]', -- JSON list of the fields staff confirmed
        note TEXT
      ) STRICT;
      CREATE INDEX observation_set_by_resident ON observation_set (resident_id, taken_at DESC, id DESC);

      CREATE TABLE soft_signs_check (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        signs TEXT NOT NULL,                         -- JSON list of Stop and Watch codes
        note TEXT,
        recorded_by INTEGER NOT NULL REFERENCES staff_member (id),
        recorded_by_name TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX soft_signs_check_by_resident ON soft_signs_check (resident_id, id);

      CREATE TABLE observation_reference (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 20),
        note TEXT,
        set_by INTEGER NOT NULL REFERENCES staff_member (id),
        set_by_name TEXT NOT NULL,
        set_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX observation_reference_by_resident ON observation_reference (resident_id, id);

      CREATE TABLE observation_end_of_life (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES resident (id),
        on_pathway INTEGER NOT NULL CHECK (on_pathway IN (0, 1)),
        note TEXT,
        set_by INTEGER NOT NULL REFERENCES staff_member (id),
        set_by_name TEXT NOT NULL,
        set_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX observation_end_of_life_by_resident ON observation_end_of_life (resident_id, id);
    `);
    for (const table of [
      'spo2_scale_setting',
      'observation_set',
      'soft_signs_check',
      'observation_reference',
      'observation_end_of_life',
    ]) {
      db.exec(`
        CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'clinical history is kept: add a new entry instead'); END;
        CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
        BEGIN SELECT RAISE(ABORT, 'clinical history is kept: add a new entry instead'); END;
      `);
    }
  },
};
