import type { Migration } from './migration';

/**
 * Trusted assessments: one row per assessment received (keyed by the MESH
 * message id when it came over MESH, so it is filed once however often it is
 * offered), its history of states and decisions (append-only, like the audit
 * log), and the MESH messages that could not be read as an assessment, with
 * the reason, so that none is lost silently.
 */
export const assessments: Migration = {
  version: 440,
  name: 'trusted assessments',
  up(db) {
    db.exec(`
      CREATE TABLE assessment (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('mesh', 'nhsmail', 'demo')),
        mesh_message_id TEXT UNIQUE,                 -- the exactly-once key for MESH
        state TEXT NOT NULL CHECK (state IN ('new', 'in_review', 'queried', 'accepted', 'declined', 'withdrawn', 'expired')),
        received_at TEXT NOT NULL,
        state_changed_at TEXT NOT NULL,
        sender_mailbox TEXT,
        hospital TEXT,
        hospital_ods_code TEXT,
        ward TEXT,
        assessor TEXT,
        patient_nhs_number TEXT,
        patient_given_name TEXT NOT NULL,
        patient_family_name TEXT NOT NULL,
        patient_date_of_birth TEXT,
        planned_discharge_date TEXT,                 -- YYYY-MM-DD
        header_json TEXT NOT NULL,                   -- common/assessments/transfer-of-care Itk3Header
        document_json TEXT NOT NULL,                 -- TransferOfCareDocument (sections as words)
        assessment_json TEXT,                        -- TrustedAssessment; NULL when the document carried none
        message_json TEXT NOT NULL,                  -- the whole FHIR message as JSON, for the record
        resident_id INTEGER REFERENCES resident (id) -- the prospective resident made on acceptance
      ) STRICT;
      CREATE INDEX assessment_by_state ON assessment (state, received_at);

      CREATE TABLE assessment_event (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment (id),
        kind TEXT NOT NULL CHECK (kind IN ('received', 'review_started', 'queried', 'accepted', 'declined', 'withdrawn', 'expired')),
        at TEXT NOT NULL,
        staff_id INTEGER REFERENCES staff_member (id),
        staff_name TEXT,
        admission_date TEXT,                         -- accepted: the date the home can take the person
        reason TEXT,                                 -- declined: the reason from the list
        note TEXT                                    -- declined: free text; queried: the question
      ) STRICT;
      CREATE INDEX assessment_event_by_assessment ON assessment_event (assessment_id, id);
      CREATE TRIGGER assessment_event_no_update BEFORE UPDATE ON assessment_event
        BEGIN SELECT RAISE(ABORT, 'assessment history is append-only'); END;
      CREATE TRIGGER assessment_event_no_delete BEFORE DELETE ON assessment_event
        BEGIN SELECT RAISE(ABORT, 'assessment history is append-only'); END;

      CREATE TABLE assessment_unreadable_message (
        mesh_message_id TEXT PRIMARY KEY,
        sender_mailbox TEXT,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
