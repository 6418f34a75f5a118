/**
 * The GP record in the encrypted store: written whole when a refresh
 * succeeds (one transaction: the old record stays until the new one is in),
 * read section by section by the screens. A failed refresh only writes
 * `gp_record_error`; it never touches the stored record.
 */
import { z } from 'zod';
import type { RecordError, RecordProvenance } from '../../../common/ipc/channels/records';
import {
  GpRecord,
  UnknownContent,
  type GpRecordSection,
  type Allergy,
  type GpDocument,
  type Investigation,
  type Medication,
  type Problem,
} from '../../../common/records/gp-record';
import type { ReadableDB, WritableDB } from '../store/database';
import type { GpRecordStatus } from '../residents/record-status';
import { bundleFingerprint, decodeRawBundle, encodeRawBundle, FINGERPRINT_LENGTH } from './raw-bundle';

/** What the record says as a whole (not per item). */
export const RecordHeader = z
  .object({
    nhsNumber: z.string(),
    patientName: z.string().nullable(),
    noKnownAllergies: z.boolean(),
    warnings: z.array(z.string()),
    unknown: UnknownContent,
  })
  .strict();
export type RecordHeader = z.infer<typeof RecordHeader>;

export interface StoredRecordHeader {
  readonly provenance: RecordProvenance;
  readonly header: RecordHeader;
}

interface HeaderRow {
  fetched_at: string;
  endpoint: string;
  practice_name: string | null;
  practice_ods_code: string | null;
  header_json: string;
}

type SectionItems = {
  [S in GpRecordSection]: GpRecord[S];
};

/** Which items the summary banner shows (active allergies, current medicines, active problems). */
function isCurrent(section: GpRecordSection, item: SectionItems[GpRecordSection][number]): boolean {
  switch (section) {
    case 'allergies':
      return (item as Allergy).status === 'active';
    case 'medications':
      return (item as Medication).status === 'current';
    case 'problems':
      return (item as Problem).status === 'active';
    default:
      return false;
  }
}

function itemDate(item: Record<string, unknown>): string | null {
  for (const key of ['date', 'started', 'onset']) {
    const v = item[key];
    if (typeof v === 'string') return v;
  }
  const source = item['source'] as { recordedAt?: string | null } | undefined;
  return source?.recordedAt ?? null;
}

export const SECTIONS: readonly GpRecordSection[] = [
  'allergies',
  'medications',
  'problems',
  'immunisations',
  'investigations',
  'consultations',
  'referrals',
  'documents',
];

/**
 * Replaces the stored record of one resident with a freshly fetched one, and
 * clears the last error. Validates the record first: nothing that fails the
 * schema is ever stored.
 */
export function saveGpRecord(
  db: WritableDB,
  entry: {
    residentId: number;
    record: GpRecord;
    rawBundle: string;
    provenance: RecordProvenance;
    fetchedByStaffId: number | null;
  },
): void {
  const record = GpRecord.parse(entry.record);
  const header: RecordHeader = {
    nhsNumber: record.nhsNumber,
    patientName: record.patientName,
    noKnownAllergies: record.noKnownAllergies,
    warnings: record.warnings,
    unknown: record.unknown,
  };
  const statements = saveStatements(db);
  const fingerprint = bundleFingerprint(entry.rawBundle);
  const row = {
    resident_id: entry.residentId,
    nhs_number: record.nhsNumber,
    fetched_at: entry.provenance.fetchedAt,
    endpoint: entry.provenance.endpoint,
    practice_name: entry.provenance.practiceName,
    practice_ods_code: entry.provenance.practiceOdsCode,
    fetched_by_staff_id: entry.fetchedByStaffId,
    header_json: JSON.stringify(header),
  };
  // Item rows are built before the write transaction, so that it holds the write lock only for the writes.
  const items: Array<[string, number, string, string | null, 0 | 1, string]> = [];
  for (const section of SECTIONS) {
    const list = record[section] as Array<SectionItems[GpRecordSection][number]>;
    list.forEach((item, position) => {
      items.push([
        section,
        position,
        item.id,
        itemDate(item as unknown as Record<string, unknown>),
        isCurrent(section, item) ? 1 : 0,
        JSON.stringify(item),
      ]);
    });
  }
  db.transaction(() => {
    // The same bundle as stored (most refreshes: a GP record changes far less often than it is fetched) is
    // not compressed or written again; the stored copy is already byte for byte what came back.
    const same = statements.storedFingerprint.get(entry.residentId) === fingerprint;
    if (same) statements.updateKeepingBundle.run(row);
    else statements.upsert.run({ ...row, raw_bundle: encodeRawBundle(entry.rawBundle, fingerprint).stored });
    statements.removeItems.run(entry.residentId);
    for (const item of items) statements.insertItem.run(entry.residentId, ...item);
    statements.clearError.run(entry.residentId);
  }).immediate();
}

/** The statements a save uses, prepared once per database handle (a refresh round saves many records). */
const preparedSaves = new WeakMap<WritableDB, ReturnType<typeof prepareSave>>();

function saveStatements(db: WritableDB): ReturnType<typeof prepareSave> {
  let statements = preparedSaves.get(db);
  if (!statements) {
    statements = prepareSave(db);
    preparedSaves.set(db, statements);
  }
  return statements;
}

function prepareSave(db: WritableDB) {
  return {
    upsert: db.prepare(
      `INSERT INTO gp_record (resident_id, nhs_number, fetched_at, endpoint, practice_name, practice_ods_code,
         fetched_by_staff_id, header_json, raw_bundle)
       VALUES (@resident_id, @nhs_number, @fetched_at, @endpoint, @practice_name, @practice_ods_code,
         @fetched_by_staff_id, @header_json, @raw_bundle)
       ON CONFLICT (resident_id) DO UPDATE SET nhs_number = excluded.nhs_number, fetched_at = excluded.fetched_at,
         endpoint = excluded.endpoint, practice_name = excluded.practice_name,
         practice_ods_code = excluded.practice_ods_code, fetched_by_staff_id = excluded.fetched_by_staff_id,
         header_json = excluded.header_json, raw_bundle = excluded.raw_bundle`,
    ),
    updateKeepingBundle: db.prepare(
      `UPDATE gp_record SET nhs_number = @nhs_number, fetched_at = @fetched_at, endpoint = @endpoint,
         practice_name = @practice_name, practice_ods_code = @practice_ods_code,
         fetched_by_staff_id = @fetched_by_staff_id, header_json = @header_json
       WHERE resident_id = @resident_id`,
    ),
    storedFingerprint: db
      .prepare(`SELECT substr(raw_bundle, 1, ${FINGERPRINT_LENGTH}) FROM gp_record WHERE resident_id = ?`)
      .pluck(),
    removeItems: db.prepare('DELETE FROM gp_record_item WHERE resident_id = ?'),
    insertItem: db.prepare(
      `INSERT INTO gp_record_item (resident_id, section, position, item_id, item_date, is_current, item_json)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    clearError: db.prepare('DELETE FROM gp_record_error WHERE resident_id = ?'),
  };
}

export function loadRecordHeader(db: ReadableDB, residentId: number): StoredRecordHeader | null {
  const row = db
    .prepare(
      'SELECT fetched_at, endpoint, practice_name, practice_ods_code, header_json FROM gp_record WHERE resident_id = ?',
    )
    .get(residentId) as HeaderRow | undefined;
  if (!row) return null;
  return {
    provenance: {
      fetchedAt: row.fetched_at,
      endpoint: row.endpoint,
      practiceName: row.practice_name,
      practiceOdsCode: row.practice_ods_code,
    },
    header: RecordHeader.parse(JSON.parse(row.header_json)),
  };
}

/** Every item of one section, in the order the GP system sent them. */
export function loadSection<S extends GpRecordSection>(
  db: ReadableDB,
  residentId: number,
  section: S,
): SectionItems[S] {
  const rows = db
    .prepare('SELECT item_json FROM gp_record_item WHERE resident_id = ? AND section = ? ORDER BY position')
    .pluck()
    .all(residentId, section) as string[];
  return rows.map((json) => JSON.parse(json)) as SectionItems[S];
}

/** The items the banner shows: active allergies, current medicines, active problems. */
export function loadCurrent<S extends 'allergies' | 'medications' | 'problems'>(
  db: ReadableDB,
  residentId: number,
  section: S,
): SectionItems[S] {
  const rows = db
    .prepare(
      'SELECT item_json FROM gp_record_item WHERE resident_id = ? AND section = ? AND is_current = 1 ORDER BY position',
    )
    .pluck()
    .all(residentId, section) as string[];
  return rows.map((json) => JSON.parse(json)) as SectionItems[S];
}

export function loadRecentInvestigations(db: ReadableDB, residentId: number, limit: number): Investigation[] {
  const rows = db
    .prepare(
      `SELECT item_json FROM gp_record_item WHERE resident_id = ? AND section = 'investigations'
       ORDER BY item_date IS NULL, item_date DESC, position LIMIT ?`,
    )
    .pluck()
    .all(residentId, limit) as string[];
  return rows.map((json) => JSON.parse(json) as Investigation);
}

export function countSections(db: ReadableDB, residentId: number): Record<GpRecordSection, number> {
  const counts = Object.fromEntries(SECTIONS.map((s) => [s, 0])) as Record<GpRecordSection, number>;
  const rows = db
    .prepare('SELECT section, count(*) AS n FROM gp_record_item WHERE resident_id = ? GROUP BY section')
    .all(residentId) as Array<{ section: GpRecordSection; n: number }>;
  for (const r of rows) counts[r.section] = r.n;
  return counts;
}

export function findDocument(db: ReadableDB, residentId: number, documentId: string): GpDocument | null {
  const json = db
    .prepare("SELECT item_json FROM gp_record_item WHERE resident_id = ? AND section = 'documents' AND item_id = ?")
    .pluck()
    .get(residentId, documentId) as string | undefined;
  return json ? (JSON.parse(json) as GpDocument) : null;
}

/** The bundle exactly as received (for support, and for re-reading once the app understands more). */
export function loadRawBundle(db: ReadableDB, residentId: number): string | null {
  const stored = db.prepare('SELECT raw_bundle FROM gp_record WHERE resident_id = ?').pluck().get(residentId) as
    string | undefined;
  return stored === undefined ? null : decodeRawBundle(stored);
}

// The last failed refresh --------------------------------------------------------------------------------

export function saveRecordError(db: WritableDB, residentId: number, error: RecordError): void {
  db.prepare(
    `INSERT INTO gp_record_error (resident_id, kind, message, at) VALUES (?, ?, ?, ?)
     ON CONFLICT (resident_id) DO UPDATE SET kind = excluded.kind, message = excluded.message, at = excluded.at`,
  ).run(residentId, error.kind, error.message, error.at);
}

export function loadRecordError(db: ReadableDB, residentId: number): RecordError | null {
  const row = db.prepare('SELECT kind, message, at FROM gp_record_error WHERE resident_id = ?').get(residentId) as
    RecordError | undefined;
  return row ? { kind: row.kind, message: row.message, at: row.at } : null;
}

// Documents opened before, so that they open offline --------------------------------------------------------

export interface CachedBinary {
  readonly contentType: string;
  readonly content: Buffer;
  readonly fetchedAt: string;
}

export function saveDocumentBinary(db: WritableDB, residentId: number, documentId: string, binary: CachedBinary): void {
  db.prepare(
    `INSERT INTO gp_record_document_binary (resident_id, document_id, content_type, content, fetched_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (resident_id, document_id) DO UPDATE SET content_type = excluded.content_type,
       content = excluded.content, fetched_at = excluded.fetched_at`,
  ).run(residentId, documentId, binary.contentType, binary.content, binary.fetchedAt);
}

export function loadDocumentBinary(db: ReadableDB, residentId: number, documentId: string): CachedBinary | null {
  const row = db
    .prepare(
      'SELECT content_type, content, fetched_at FROM gp_record_document_binary WHERE resident_id = ? AND document_id = ?',
    )
    .get(residentId, documentId) as { content_type: string; content: Buffer; fetched_at: string } | undefined;
  return row ? { contentType: row.content_type, content: row.content, fetchedAt: row.fetched_at } : null;
}

export function cachedDocumentIds(db: ReadableDB, residentId: number): Set<string> {
  return new Set(
    db
      .prepare('SELECT document_id FROM gp_record_document_binary WHERE resident_id = ?')
      .pluck()
      .all(residentId) as string[],
  );
}

// Access Record: HTML sections ----------------------------------------------------------------------------

export function saveHtmlSection(
  db: WritableDB,
  entry: { residentId: number; section: string; html: string; fetchedAt: string; endpoint: string },
): void {
  db.prepare(
    `INSERT INTO gp_record_html (resident_id, section, html, fetched_at, endpoint) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (resident_id, section) DO UPDATE SET html = excluded.html, fetched_at = excluded.fetched_at,
       endpoint = excluded.endpoint`,
  ).run(entry.residentId, entry.section, entry.html, entry.fetchedAt, entry.endpoint);
}

export function loadHtmlSection(
  db: ReadableDB,
  residentId: number,
  section: string,
): { html: string; fetchedAt: string; endpoint: string } | null {
  const row = db
    .prepare('SELECT html, fetched_at, endpoint FROM gp_record_html WHERE resident_id = ? AND section = ?')
    .get(residentId, section) as { html: string; fetched_at: string; endpoint: string } | undefined;
  return row ? { html: row.html, fetchedAt: row.fetched_at, endpoint: row.endpoint } : null;
}

// For the residents list (engineer B's GpRecordStatusLookup) ---------------------------------------------------

/** Every stored record's age and active allergies, in one read for the whole list (or for one resident). */
export function gpRecordStatuses(db: ReadableDB, residentId?: number): ReadonlyMap<number, GpRecordStatus> {
  const map = new Map<number, { fetchedAt: string; activeAllergies: string[]; noKnownAllergies: boolean }>();
  const one = residentId !== undefined;
  const headers = db
    .prepare(`SELECT resident_id, fetched_at, header_json FROM gp_record${one ? ' WHERE resident_id = ?' : ''}`)
    .all(...(one ? [residentId] : [])) as Array<{
    resident_id: number;
    fetched_at: string;
    header_json: string;
  }>;
  for (const h of headers) {
    const header = JSON.parse(h.header_json) as RecordHeader;
    map.set(h.resident_id, {
      fetchedAt: h.fetched_at,
      activeAllergies: [],
      noKnownAllergies: header.noKnownAllergies,
    });
  }
  const allergies = db
    .prepare(
      `SELECT resident_id, json_extract(item_json, '$.substance') AS substance FROM gp_record_item
       WHERE section = 'allergies' AND is_current = 1${one ? ' AND resident_id = ?' : ''} ORDER BY resident_id, position`,
    )
    .all(...(one ? [residentId] : [])) as Array<{ resident_id: number; substance: string }>;
  for (const a of allergies) map.get(a.resident_id)?.activeAllergies.push(a.substance);
  return map;
}
