/**
 * District nursing: reads a resident's visits and the home's visits today
 * from the store (every read audited), and refreshes them from the shared
 * care record. No basis for access recorded, no fetch; a failed refresh keeps
 * every stored visit and says why in plain English.
 */
import type { NursingRefreshResult, NursingTimeline, NursingToday } from '../../../common/ipc/channels/nursing';
import { CareHomeError } from '../../../common/ipc/result';
import type { PolicyStatus } from '../../../common/ipc/types';
import { NURSING_STALE_AFTER_HOURS } from '../../../common/nursing/visit';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { hasAccessBasis } from '../residents/access-basis';
import type { ReadableDB, WritableDB } from '../store/database';
import { NursingClient } from './nursing-client';
import { noAccessBasis, notConfigured, NursingFetchError } from './nursing-errors';
import {
  countVisits,
  currentNursingResidents,
  failedAttempts,
  nursingResident,
  recordFailedAttempt,
  storedState,
  storeFetchedVisits,
  visitsBetween,
  visitsOf,
  type NursingResident,
} from './nursing-repository';
import { parseVisits } from './parse-visits';

export const SHARED_CARE_RECORD_SOURCE = 'Shared care record (community nursing)';
/** The policy's endpoints entry that holds the shared care record's FHIR R4 base address. */
export const NURSING_ENDPOINT = 'districtNursing';
/** The shared care record's FHIR base from the managed policy, or null when the IT provider has not set one. */
export function nursingEndpoint(policy: PolicyStatus): string | null {
  return policy.effective.endpoints[NURSING_ENDPOINT] ?? null;
}

/** Residents refreshed at once when the whole home is refreshed: enough to be quick, few enough to be polite. */
const AT_ONCE = 3;

export interface NursingServiceOptions {
  readonly db: WritableDB;
  readonly reader: ReadableDB;
  readonly audit: AuditLog;
  readonly now: () => Date;
  /** The shared care record's FHIR base from the policy, or null when not set up. */
  readonly endpoint: string | null;
  readonly timeoutMs?: number;
}

export class NursingService {
  private readonly client: NursingClient | null;

  constructor(private readonly options: NursingServiceOptions) {
    this.client = options.endpoint
      ? new NursingClient({
          baseUrl: options.endpoint,
          now: options.now,
          ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        })
      : null;
  }

  timeline(actor: AuditActor, residentId: number): NursingTimeline {
    const { reader, audit, now } = this.options;
    const resident = this.resident(residentId);
    const visits = visitsOf(reader, residentId);
    const { source, lastAttempt } = storedState(reader, residentId);
    audit.append({
      actor,
      action: 'nursing.timeline_viewed',
      subject: `resident:${residentId}`,
      detail: `${visits.length} district nursing visits`,
    });
    return {
      resident: line(resident),
      source,
      lastAttempt,
      visits,
      now: now().toISOString(),
      staleAfterHours: NURSING_STALE_AFTER_HOURS,
    };
  }

  /** Visits that started today (the laptop's calendar day) for every current resident. */
  today(actor: AuditActor): NursingToday {
    const { reader, audit, now } = this.options;
    const at = now();
    const start = new Date(at.getFullYear(), at.getMonth(), at.getDate());
    const end = new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1);
    const residents = new Map(currentNursingResidents(reader).map((r) => [r.residentId, r]));
    const entries = visitsBetween(reader, start.toISOString(), end.toISOString()).flatMap(({ residentId, visit }) => {
      const resident = residents.get(residentId);
      const { source } = storedState(reader, residentId);
      return resident && source ? [{ resident: line(resident), source, visit }] : [];
    });
    const notUpToDate = failedAttempts(reader).flatMap(({ residentId, lastAttempt }) => {
      const resident = residents.get(residentId);
      return resident ? [{ resident: line(resident), lastAttempt }] : [];
    });
    // One audit row per resident whose visits were shown, so the log says whose record was seen.
    const shown = [...new Set(entries.map((e) => e.resident.residentId))];
    if (shown.length === 0) audit.append({ actor, action: 'nursing.today_viewed', detail: 'no visits today' });
    for (const residentId of shown) {
      const count = entries.filter((e) => e.resident.residentId === residentId).length;
      audit.append({
        actor,
        action: 'nursing.today_viewed',
        subject: `resident:${residentId}`,
        detail: `${count} district nursing visits today`,
      });
    }
    return {
      day: localDay(at),
      entries,
      notUpToDate,
      now: at.toISOString(),
      staleAfterHours: NURSING_STALE_AFTER_HOURS,
    };
  }

  /** Refreshes one resident, or every current resident a few at a time. Never throws for a network failure. */
  async refresh(actor: AuditActor, residentId?: number): Promise<NursingRefreshResult[]> {
    const residents =
      residentId === undefined ? currentNursingResidents(this.options.reader) : [this.resident(residentId)];
    const results: NursingRefreshResult[] = [];
    for (let i = 0; i < residents.length; i += AT_ONCE) {
      const batch = residents.slice(i, i + AT_ONCE);
      results.push(...(await Promise.all(batch.map((r) => this.refreshOne(actor, r)))));
    }
    return results;
  }

  private async refreshOne(actor: AuditActor, resident: NursingResident): Promise<NursingRefreshResult> {
    const { db, audit, now } = this.options;
    const subject = `resident:${resident.residentId}`;
    try {
      if (!hasAccessBasis(db, resident.residentId)) throw noAccessBasis();
      if (!this.client) throw notConfigured();
      const fetched = await this.client.fetchVisits(resident.nhsNumber);
      const parsed = parseVisits(fetched.resources);
      const fetchedAt = now().toISOString();
      storeFetchedVisits(db, {
        residentId: resident.residentId,
        since: fetched.since,
        visits: parsed.visits,
        withdrawn: parsed.withdrawn,
        source: { name: SHARED_CARE_RECORD_SOURCE, address: this.client.address, fetchedAt },
      });
      const skipped = parsed.unreadable > 0 ? `; ${parsed.unreadable} entries could not be read` : '';
      audit.append({
        actor,
        action: 'nursing.refreshed',
        subject,
        detail: `${parsed.visits.length} visits since ${fetched.since.slice(0, 10)}, ${fetched.pages} pages${skipped}`,
      });
      const unreadable =
        parsed.unreadable > 0 ? ` ${parsed.unreadable} entries could not be read and were left out.` : '';
      return {
        resident: line(resident),
        outcome: 'updated',
        problem: null,
        message: `District nursing visits updated: ${parsed.visits.length} in the last 90 days.${unreadable}`,
        visitCount: countVisits(db, resident.residentId),
      };
    } catch (error) {
      if (!(error instanceof NursingFetchError)) throw error;
      recordFailedAttempt(db, resident.residentId, now().toISOString(), error.message);
      audit.append({
        actor,
        action: error.kind === 'no_access_basis' ? 'nursing.refresh_refused' : 'nursing.refresh_failed',
        subject,
        detail: error.detail,
      });
      return {
        resident: line(resident),
        outcome: 'failed',
        problem: error.kind,
        message: error.message,
        visitCount: countVisits(db, resident.residentId),
      };
    }
  }

  private resident(residentId: number): NursingResident {
    const resident = nursingResident(this.options.reader, residentId);
    if (!resident) throw new CareHomeError('not_found', 'That resident was not found.');
    return resident;
  }
}

function line(r: NursingResident): { residentId: number; displayName: string; room: string } {
  return { residentId: r.residentId, displayName: r.displayName, room: r.room };
}

function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
