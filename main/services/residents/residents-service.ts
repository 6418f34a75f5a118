/**
 * Residents: admitting them (or adding them as prospective residents while the
 * home assesses them), recording when they leave, their photo, the list and
 * its search, and the recorded basis for reading their GP record. Every view
 * and every change is written to the audit log.
 */
import { CareHomeError } from '../../../common/ipc/result';
import { formatNhsNumber } from '../../../common/nhs/nhs-number';
import { matchesResidentSearch } from '../../../common/residents/search';
import {
  PHOTO_MAX_BYTES,
  type AccessBasisKind,
  type LeavingReason,
  type NewResident,
  type ResidentDetails,
  type ResidentPhoto,
  type ResidentSummary,
} from '../../../common/residents/resident';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { ReadableDB, WritableDB } from '../store/database';
import { currentAccessBasis, insertAccessBasis } from './access-basis';
import { NO_GP_RECORDS, type GpRecordStatus, type GpRecordStatusLookup } from './record-status';
import {
  findPhoto,
  findResidentByNhsNumber,
  findResidentRow,
  insertResident,
  listResidentRows,
  markAdmitted,
  markLeft,
  storePhoto,
  type ResidentRow,
} from './residents-repository';

const subject = (residentId: number) => `resident:${residentId}`;

export function toSummary(row: ResidentRow, record: GpRecordStatus | undefined): ResidentSummary {
  return {
    residentId: row.id,
    displayName: `${row.given_name} ${row.family_name}`,
    givenName: row.given_name,
    familyName: row.family_name,
    nhsNumber: row.nhs_number,
    dateOfBirth: row.date_of_birth,
    room: row.room,
    status: row.status,
    gpOdsCode: row.gp_ods_code,
    hasPhoto: row.has_photo === 1,
    hasAccessBasis: row.has_access_basis === 1,
    gpRecordUpdatedAt: record?.fetchedAt ?? null,
    allergies: !record
      ? 'not_known'
      : record.activeAllergies.length > 0
        ? 'recorded'
        : record.noKnownAllergies
          ? 'none_known'
          : 'not_known',
    allergyNames: [...(record?.activeAllergies ?? [])],
    leftAt: row.left_at,
    leftReason: row.left_reason,
  };
}

/** Decodes a photo and checks it is the JPEG or PNG it claims to be, and small enough. */
export function decodePhoto(photo: ResidentPhoto): Buffer {
  const bytes = Buffer.from(photo.base64, 'base64');
  if (bytes.length === 0) throw new CareHomeError('invalid_request', 'The photo is empty. Choose another photo.');
  if (bytes.length > PHOTO_MAX_BYTES)
    throw new CareHomeError(
      'invalid_request',
      `The photo is too large. Choose a photo of ${PHOTO_MAX_BYTES / 1024} KB or smaller.`,
    );
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if ((photo.contentType === 'image/jpeg' && !isJpeg) || (photo.contentType === 'image/png' && !isPng))
    throw new CareHomeError('invalid_request', 'The photo could not be read. Choose a JPEG or PNG photo.');
  return bytes;
}

export class ResidentsService {
  constructor(
    private readonly db: WritableDB,
    private readonly reader: ReadableDB,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
    private readonly recordStatus: GpRecordStatusLookup = NO_GP_RECORDS,
  ) {}

  list(actor: AuditActor, search = ''): ResidentSummary[] {
    const records = this.recordStatus(this.reader);
    const rows = listResidentRows(this.reader);
    const found = rows
      .filter((row) =>
        matchesResidentSearch(
          { givenName: row.given_name, familyName: row.family_name, room: row.room, nhsNumber: row.nhs_number },
          search,
        ),
      )
      .map((row) => toSummary(row, records.get(row.id)));
    this.audit.append({
      actor,
      action: 'residents.list_viewed',
      detail: search.trim() ? `searched; ${found.length} residents` : `${found.length} residents`,
    });
    return found;
  }

  details(residentId: number): ResidentDetails | null {
    const row = findResidentRow(this.reader, residentId);
    if (!row) return null;
    const record = this.recordStatus(this.reader, residentId).get(residentId);
    return {
      ...toSummary(row, record),
      admittedAt: row.admitted_at,
      accessBasis: currentAccessBasis(this.reader, residentId),
    };
  }

  get(actor: AuditActor, residentId: number): ResidentDetails {
    const found = this.details(residentId);
    if (!found) throw new CareHomeError('not_found', 'That resident was not found.');
    this.audit.append({ actor, action: 'resident.viewed', subject: subject(residentId) });
    return found;
  }

  /** Admits a resident, or adds a prospective one, with the same checks. */
  add(actor: AuditActor, resident: NewResident, status: 'current' | 'prospective'): ResidentDetails {
    const photo = resident.photo ? decodePhoto(resident.photo) : null;
    const at = this.now().toISOString();
    const residentId = this.db.transaction(() => {
      const existing = findResidentByNhsNumber(this.db, resident.nhsNumber);
      if (existing) {
        const where =
          existing.status === 'former'
            ? 'as a former resident'
            : existing.status === 'prospective'
              ? 'as a prospective resident'
              : 'as a resident';
        throw new CareHomeError(
          'conflict',
          `${existing.given_name} ${existing.family_name} is already recorded ${where} with NHS number ${formatNhsNumber(resident.nhsNumber)}. Check the number.`,
        );
      }
      const id = insertResident(this.db, resident, at, status);
      if (photo) storePhoto(this.db, id, { contentType: resident.photo!.contentType, bytes: photo }, at);
      this.audit.append({
        actor,
        action: status === 'current' ? 'resident.admitted' : 'resident.prospective_added',
        subject: subject(id),
        detail: photo ? 'with a photo' : null,
      });
      return id;
    })();
    return this.details(residentId)!;
  }

  /** A prospective resident moves in; nothing is typed again. */
  admitProspective(actor: AuditActor, residentId: number, room: string | undefined): ResidentDetails {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      const row = this.mustFind(residentId);
      if (row.status !== 'prospective')
        throw new CareHomeError(
          'conflict',
          `${row.given_name} ${row.family_name} is not a prospective resident, so cannot be admitted again.`,
        );
      const newRoom = room?.trim() || row.room;
      markAdmitted(this.db, residentId, newRoom, at);
      this.audit.append({
        actor,
        action: 'resident.admitted',
        subject: subject(residentId),
        detail: 'was prospective',
      });
    })();
    return this.details(residentId)!;
  }

  /** Discharge or death: the resident becomes a former resident, kept and read-only. */
  recordLeaving(actor: AuditActor, residentId: number, reason: LeavingReason, leftOn: string): ResidentDetails {
    this.db.transaction(() => {
      const row = this.mustFind(residentId);
      if (row.status === 'former')
        throw new CareHomeError(
          'conflict',
          `${row.given_name} ${row.family_name} is already a former resident. Their record cannot be changed.`,
        );
      if (leftOn > this.now().toISOString().slice(0, 10))
        throw new CareHomeError('invalid_request', 'The date they left cannot be in the future.');
      markLeft(this.db, residentId, reason, leftOn);
      this.audit.append({ actor, action: `resident.${reason}`, subject: subject(residentId), detail: leftOn });
    })();
    return this.details(residentId)!;
  }

  recordAccessBasis(
    actor: AuditActor,
    entry: { residentId: number; basis: AccessBasisKind; note: string },
  ): ResidentDetails {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      const row = this.mustFind(entry.residentId);
      if (row.status === 'former')
        throw new CareHomeError(
          'conflict',
          `${row.given_name} ${row.family_name} is a former resident. Their record cannot be changed.`,
        );
      insertAccessBasis(this.db, { ...entry, recordedBy: actor, recordedAt: at });
      this.audit.append({
        actor,
        action: 'resident.access_basis_recorded',
        subject: subject(entry.residentId),
        detail: entry.basis,
      });
    })();
    return this.details(entry.residentId)!;
  }

  photo(actor: AuditActor, residentId: number): ResidentPhoto | null {
    this.mustFind(residentId);
    const photo = this.readPhoto(residentId);
    if (!photo) return null;
    this.audit.append({ actor, action: 'resident.photo_viewed', subject: subject(residentId) });
    return photo;
  }

  /** The photo NOT audited: only for a caller that writes the view's one audit row itself (the resident page). */
  readPhoto(residentId: number): ResidentPhoto | null {
    const photo = findPhoto(this.reader, residentId);
    if (!photo) return null;
    return { contentType: photo.contentType as ResidentPhoto['contentType'], base64: photo.bytes.toString('base64') };
  }

  private mustFind(residentId: number): ResidentRow {
    const row = findResidentRow(this.db, residentId);
    if (!row) throw new CareHomeError('not_found', 'That resident was not found.');
    return row;
  }
}
