/**
 * The GP record service: refreshes a resident's record from GP Connect into
 * the store, and answers every screen from the store (audited, read by read).
 *
 * A refresh that fails for any reason writes only the error beside the
 * record; the stored record, its documents and its age stay as they were.
 */
import type {
  HtmlSection,
  HtmlSectionCode,
  OpenedDocument,
  RecordAge,
  RecordError,
  RecordProvenance,
  RecordSection,
  RecordSummary,
  RefreshOutcome,
  StoredDocument,
} from '../../../common/ipc/channels/records';
import { CareHomeError } from '../../../common/ipc/result';
import type { GpConnectSettings } from '../../../common/records/gp-connect-settings';
import type { GpRecordSection } from '../../../common/records/gp-record';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { findCareHome } from '../care-home/care-home-repository';
import { hasAccessBasis } from '../residents/access-basis';
import { findResident } from '../residents/residents-repository';
import type { ReadableDB, WritableDB } from '../store/database';
import type { Vault } from '../vault/vault';
import type { Requester } from './gp-connect/audit-jwt';
import { GpConnectClient } from './gp-connect/gp-connect-client';
import { CARE_STAFF_MESSAGES, CONNECTION_KINDS, GpConnectError } from './gp-connect/gp-connect-error';
import { BundleProblem, parseStructuredRecord } from './gp-connect/structured-parser';
import {
  cachedDocumentIds,
  countSections,
  findDocument,
  loadCurrent,
  loadDocumentBinary,
  loadHtmlSection,
  loadRecentInvestigations,
  loadRecordError,
  loadRecordHeader,
  loadSection,
  saveDocumentBinary,
  saveGpRecord,
  saveHtmlSection,
  saveRecordError,
} from './gp-record-store';
import { demoStructuredBundle, DEMO_ENDPOINT } from './demo-gp-records';

export interface RecordsServiceOptions {
  readonly db: WritableDB;
  readonly reader: ReadableDB;
  readonly audit: AuditLog;
  readonly vault: Vault;
  readonly now: () => Date;
  readonly settings: GpConnectSettings;
}

/** What a refresh tells the background refresher about the connection. */
export type ConnectionSignal = 'online' | 'offline' | 'unknown';

export class RecordsService {
  private readonly client: GpConnectClient | null;
  /** Told of every refresh's connection signal: the background refresher listens. */
  onConnection: (signal: ConnectionSignal) => void = () => {};

  constructor(private readonly options: RecordsServiceOptions) {
    this.client = options.settings.connection
      ? new GpConnectClient({
          settings: options.settings,
          vault: options.vault,
          now: options.now,
          organisation: () => {
            const home = findCareHome(options.reader);
            return {
              odsCode: options.settings.connection?.consumerOdsCode ?? home?.odsCode ?? 'UNK',
              name: home?.name ?? 'Care home',
            };
          },
        })
      : null;
  }

  get configured(): boolean {
    return this.client !== null;
  }

  get settings(): GpConnectSettings {
    return this.options.settings;
  }

  // Refreshing ---------------------------------------------------------------------------------------------

  /** Fetches the resident's GP record now and stores it; on failure the stored record stays and the error is kept. */
  async refresh(residentId: number, requester: Requester): Promise<RefreshOutcome> {
    const { db, reader, audit } = this.options;
    const resident = findResident(reader, residentId);
    if (!resident) throw new CareHomeError('not_found', 'That resident was not found.');
    const subject = `resident:${residentId}`;
    const actor: AuditActor = { staffId: requester.staffId, displayName: requester.displayName };
    try {
      if (!hasAccessBasis(reader, residentId)) throw new GpConnectError('no_access_basis', 'no access basis recorded');
      const demo = !this.client && findCareHome(reader)?.isDemo === true;
      if (!this.client && !demo) throw new GpConnectError('not_configured', 'no gpConnect section in the policy');
      const fetchedAt = this.options.now().toISOString();
      const answer = this.client
        ? await this.client.getStructuredRecord(resident.nhsNumber, requester)
        : demoAnswer(resident.nhsNumber, resident.displayName, resident.dateOfBirth, residentId);
      this.onConnection('online');
      let record;
      try {
        record = parseStructuredRecord(answer.json, { nhsNumber: resident.nhsNumber });
      } catch (error) {
        if (error instanceof BundleProblem) throw new GpConnectError('bad_response', error.message);
        throw error;
      }
      if (record.nhsNumber !== resident.nhsNumber) {
        throw new GpConnectError('bad_response', `the record is for NHS number ${record.nhsNumber}`);
      }
      if (this.client) {
        try {
          record = { ...record, documents: await this.client.searchDocuments(resident.nhsNumber, requester) };
        } catch (error) {
          if (!(error instanceof GpConnectError)) throw error;
          record = {
            ...record,
            warnings: [
              ...record.warnings,
              'The list of documents could not be fetched this time; the rest of the record is up to date.',
            ],
          };
        }
      }
      const provenance: RecordProvenance = {
        fetchedAt,
        endpoint: answer.endpoint,
        practiceName: record.practice.name,
        practiceOdsCode: record.practice.odsCode,
      };
      saveGpRecord(db, { residentId, record, rawBundle: answer.text, provenance, fetchedByStaffId: requester.staffId });
      audit.append({ actor, action: 'gp_record.refreshed', subject, detail: answer.endpoint });
      return { outcome: 'refreshed', provenance };
    } catch (error) {
      if (!(error instanceof GpConnectError)) throw error;
      const recordError: RecordError = {
        kind: error.kind,
        message: error.message,
        at: this.options.now().toISOString(),
      };
      saveRecordError(db, residentId, recordError);
      audit.append({ actor, action: 'gp_record.refresh_failed', subject, detail: `${error.kind}: ${error.detail}` });
      if (CONNECTION_KINDS.has(error.kind)) this.onConnection('offline');
      else if (error.kind !== 'no_access_basis' && error.kind !== 'not_configured') this.onConnection('online');
      return { outcome: 'failed', error: recordError };
    }
  }

  // Reading (every read audited) ------------------------------------------------------------------------------

  private viewed(actor: AuditActor, residentId: number, what: string): void {
    this.options.audit.append({ actor, action: 'gp_record.viewed', subject: `resident:${residentId}`, detail: what });
  }

  private meta(residentId: number) {
    const { reader } = this.options;
    if (!findResident(reader, residentId)) throw new CareHomeError('not_found', 'That resident was not found.');
    const stored = loadRecordHeader(reader, residentId);
    return {
      stored,
      meta: {
        residentId,
        provenance: stored?.provenance ?? null,
        age: stored ? this.age(stored.provenance.fetchedAt) : null,
        lastError: loadRecordError(reader, residentId),
        hasAccessBasis: hasAccessBasis(reader, residentId),
      },
    };
  }

  age(fetchedAt: string): RecordAge {
    const minutes = Math.max(0, Math.floor((this.options.now().getTime() - Date.parse(fetchedAt)) / 60_000));
    const limit = this.options.settings.staleAfterHours;
    return { ageMinutes: minutes, stale: minutes > limit * 60, staleAfterHours: limit };
  }

  summary(actor: AuditActor, residentId: number): RecordSummary {
    const summary = this.readSummary(residentId);
    this.viewed(actor, residentId, 'summary');
    return summary;
  }

  /** The summary NOT audited: only for a caller that writes the view's one audit row itself (the resident page). */
  readSummary(residentId: number): RecordSummary {
    const { reader } = this.options;
    const { stored, meta } = this.meta(residentId);
    return {
      ...meta,
      allergies: loadCurrent(reader, residentId, 'allergies'),
      noKnownAllergies: stored?.header.noKnownAllergies ?? false,
      currentMedications: loadCurrent(reader, residentId, 'medications'),
      activeProblems: loadCurrent(reader, residentId, 'problems'),
      recentResults: loadRecentInvestigations(reader, residentId, 5),
      counts: countSections(reader, residentId),
      unknownCount: stored?.header.unknown.count ?? 0,
      warnings: stored?.header.warnings ?? [],
    };
  }

  section(actor: AuditActor, residentId: number, section: GpRecordSection): RecordSection {
    const { meta } = this.meta(residentId);
    this.viewed(actor, residentId, section);
    const items = loadSection(this.options.reader, residentId, section);
    return { ...meta, section, items } as RecordSection;
  }

  documents(
    actor: AuditActor,
    residentId: number,
  ): { residentId: number; provenance: RecordProvenance | null; documents: StoredDocument[] } {
    const { meta } = this.meta(residentId);
    this.viewed(actor, residentId, 'documents');
    const cached = cachedDocumentIds(this.options.reader, residentId);
    const documents = loadSection(this.options.reader, residentId, 'documents').map((d) => ({
      ...d,
      cached: cached.has(d.id),
    }));
    return { residentId, provenance: meta.provenance, documents };
  }

  /** A document's file: from the store when opened before (so offline too), else fetched once and kept. */
  async openDocument(requester: Requester, residentId: number, documentId: string): Promise<OpenedDocument> {
    const { reader, db } = this.options;
    const actor: AuditActor = { staffId: requester.staffId, displayName: requester.displayName };
    this.meta(residentId);
    const document = findDocument(reader, residentId, documentId);
    if (!document) throw new CareHomeError('not_found', 'That document is not in the GP record on this laptop.');
    this.viewed(actor, residentId, `document:${documentId}`);
    const cached = loadDocumentBinary(reader, residentId, documentId);
    if (cached) return opened(document.id, document.title, cached, true);
    if (!hasAccessBasis(reader, residentId)) throw new CareHomeError('forbidden', CARE_STAFF_MESSAGES.no_access_basis);
    if (!this.client || !document.binaryUrl) {
      throw new CareHomeError(
        'unavailable',
        'This document has not been opened on this laptop before, and cannot be fetched now. Try again when GP Connect is available.',
      );
    }
    try {
      const binary = await this.client.getBinary(document.binaryUrl, requester);
      this.onConnection('online');
      const entry = { ...binary, fetchedAt: this.options.now().toISOString() };
      saveDocumentBinary(db, residentId, documentId, entry);
      return opened(document.id, document.title, entry, false);
    } catch (error) {
      if (!(error instanceof GpConnectError)) throw error;
      if (CONNECTION_KINDS.has(error.kind)) this.onConnection('offline');
      this.options.audit.append({
        actor,
        action: 'gp_record.document_failed',
        subject: `resident:${residentId}`,
        detail: `${documentId} ${error.kind}: ${error.detail}`,
      });
      throw new CareHomeError('unavailable', error.message);
    }
  }

  /** An Access Record: HTML section: from the store; fetched (and kept) when none is stored yet. */
  async htmlSection(requester: Requester, residentId: number, section: HtmlSectionCode): Promise<HtmlSection> {
    const { reader, db } = this.options;
    const actor: AuditActor = { staffId: requester.staffId, displayName: requester.displayName };
    const { meta } = this.meta(residentId);
    this.viewed(actor, residentId, `html:${section}`);
    let stored = loadHtmlSection(reader, residentId, section);
    let lastError: RecordError | null = null;
    if (!stored && meta.hasAccessBasis && this.client) {
      const resident = findResident(reader, residentId)!;
      try {
        const html = await this.client.getCareRecordSection(resident.nhsNumber, section, requester);
        this.onConnection('online');
        const entry = {
          residentId,
          section,
          html,
          fetchedAt: this.options.now().toISOString(),
          endpoint: this.client.endpoint,
        };
        saveHtmlSection(db, entry);
        stored = entry;
      } catch (error) {
        if (!(error instanceof GpConnectError)) throw error;
        if (CONNECTION_KINDS.has(error.kind)) this.onConnection('offline');
        lastError = { kind: error.kind, message: error.message, at: this.options.now().toISOString() };
      }
    }
    return {
      residentId,
      section,
      html: stored?.html ?? null,
      provenance: stored
        ? { fetchedAt: stored.fetchedAt, endpoint: stored.endpoint, practiceName: null, practiceOdsCode: null }
        : null,
      age: stored ? this.age(stored.fetchedAt) : null,
      lastError,
      hasAccessBasis: meta.hasAccessBasis,
    };
  }
}

function opened(
  documentId: string,
  title: string,
  binary: { contentType: string; content: Buffer; fetchedAt: string },
  fromCache: boolean,
): OpenedDocument {
  return {
    documentId,
    title,
    contentType: binary.contentType,
    base64: binary.content.toString('base64'),
    sizeBytes: binary.content.length,
    fromCache,
    fetchedAt: binary.fetchedAt,
  };
}

/** The demo care home has no NHS connection: a refresh re-reads its synthetic record through the same parser. */
function demoAnswer(nhsNumber: string, name: string, dateOfBirth: string, residentId: number) {
  const json = demoStructuredBundle({ nhsNumber, displayName: name, dateOfBirth, seed: residentId });
  return { json, text: JSON.stringify(json), endpoint: DEMO_ENDPOINT };
}
